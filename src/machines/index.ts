/**
 * The flow runtime every feature's machine builds on: the ports the machines call (the card and the
 * platform as injected actors), how their failures become flow errors and messages, the input rules
 * of the remote, and the secret wrapper. The machines themselves live with their features
 * (src/features/<feature>/machine); the shell wires them to the real clients (src/app/session).
 */
export { FLOW_MESSAGES, formatMessage, messageFor, type MessageKey, type Language } from './messages';
export { toFlowError, type FlowError, type FlowErrorKind } from './errors';
export { Secret } from './secret';
export type * from './ports';

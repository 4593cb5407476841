/** The app's client of the card bridge. Test helpers (test-support.ts) are deliberately not exported. */
export { BridgeClient } from './bridge-client';
export {
  DEFAULT_BRIDGE_URL,
  type BridgeClientOptions,
  type CallArgs,
  type CallOptions,
  type SignRequest,
  type WebSocketConstructor,
  type WebSocketLike,
} from './client-options';
export {
  BridgeError,
  isBridgeError,
  type AnyBridgeError,
  type BridgeErrorDetails,
  type BridgeErrorKind,
  type ClientErrorName,
  type UnavailableReason,
} from './errors';
export type { BridgeEvent, BridgeListener, ConnectionState, Unsubscribe } from './event-stream';
export { SimulatorControls, SIMULATOR_CALLSIGN, type SimulatorScenario } from './simulator-controls';
export { DEFAULT_BACKOFF, type BackoffOptions, type Timers } from './timing';

/**
 * The TV counter's flows as XState machines. Views render their snapshots and send semantic remote
 * events; the app provides the actors (card bridge, platform SDK) with `machine.provide`.
 */
export {
  sessionMachine,
  type SessionContext,
  type SessionEvent,
  type SessionEmitted,
  type SessionInput,
} from './session/session.machine';
export {
  certificateNotice,
  RENEWAL_NOTICE_DAYS,
  signCertificateNotice,
  type CertificateNotice,
} from './session/certificate-expiry';
export { loginMachine, type LoginContext, type LoginEvent, type LoginOutput } from './login/login.machine';
export {
  registrationMachine,
  type RegistrationContext,
  type RegistrationEvent,
  type RegistrationOutput,
} from './registration/registration.machine';
export { healthMachine, type HealthContext, type HealthEvent } from './health/health.machine';
export {
  bookingMachine,
  type BookingContext,
  type BookingEvent,
  type BookingInput,
} from './booking/booking.machine';
export { FLOW_MESSAGES, formatMessage, messageFor, type MessageKey, type Language } from './messages';
export { toFlowError, type FlowError, type FlowErrorKind } from './errors';
export { Secret } from './secret';
export type * from './ports';

/**
 * What the TV app counts for the operator's operations centre, in the spec's telemetry contract
 * (stb-spec/protocol/telemetry.ts): starts, login outcomes, the errors a viewer met by kind,
 * uncaught errors, the bridge refusing or missing, login and key-to-frame latency. The kinds are the
 * machines' own lists; the compiler keeps these in step with them (a kind added there is missing here).
 */
import { labelled, type FigureSet } from '../../../stb-spec/protocol/telemetry';
import type { FlowErrorKind } from '../../machines/errors';
import type { LoginOutput } from '../../features/login/machine/login.machine';

const FLOW_ERROR_KINDS = Object.keys({
  noReader: 1,
  cardRemoved: 1,
  cardChanged: 1,
  notMyNumberCard: 1,
  pinIncorrect: 1,
  pinLocked: 1,
  lastAttempt: 1,
  pinFormat: 1,
  cardBusy: 1,
  cardError: 1,
  bridgeDown: 1,
  certificateExpired: 1,
  certificateRevoked: 1,
  unknownIssuer: 1,
  cardRejected: 1,
  challengeExpired: 1,
  registrationRequired: 1,
  customerNotFound: 1,
  registrationMismatch: 1,
  alreadyLinked: 1,
  sessionExpired: 1,
  platformDown: 1,
  notFound: 1,
  slotTaken: 1,
  slotUnavailable: 1,
  cancellationDeadlinePassed: 1,
  pairingRefused: 1,
  notPaired: 1,
  unexpected: 1,
} satisfies Record<FlowErrorKind, 1>) as FlowErrorKind[];

export const LOGIN_OUTCOMES = Object.keys({
  signedIn: 1,
  registrationRequired: 1,
  cardChanged: 1,
  cancelled: 1,
} satisfies Record<LoginOutput['outcome'], 1>) as LoginOutput['outcome'][];

export const APP_FIGURES = {
  'app.starts': 'count',
  /** How each login the viewer started ended. */
  ...labelled('app.login', LOGIN_OUTCOMES, 'count'),
  /** Each error a viewer was shown, by the kind the flows decide on. */
  ...labelled('app.error', FLOW_ERROR_KINDS, 'count'),
  /** Errors and rejected promises no code caught (the app went on). */
  'app.uncaught.error': 'count',
  'app.uncaught.rejection': 'count',
  /** The bridge: not there, or there and refusing the app (a token or origin mismatch). */
  'app.bridge.connectFailed': 'count',
  'app.bridge.refused': 'count',
  /** OK on the PIN to logged in (card and platform); a key press to the next frame drawn. */
  'app.login.ms': 'latency',
  'app.keyToFrame.ms': 'latency',
  /** Records the beacon gave up on: its queue was full, or the collector refused them. */
  'app.beacon.dropped': 'count',
} as const satisfies FigureSet;

export type AppFigure = keyof typeof APP_FIGURES;
export const errorFigure = (kind: FlowErrorKind): AppFigure => `app.error.${kind}`;
export const loginFigure = (outcome: LoginOutput['outcome']): AppFigure => `app.login.${outcome}`;

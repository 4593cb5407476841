/**
 * The login machine's snapshot → what the viewer sees. PIN entry shows how many digits are typed,
 * never the digits; the card and platform steps show a status; dead ends and retryable failures
 * show a full-screen message with the operator's phone.
 */
import type { SnapshotFrom } from 'xstate';
import type { FlowError, FlowErrorKind } from '../../machines/errors';
import type { loginMachine } from '../../machines/login/login.machine';
import { PIN_LENGTH } from '../../machines/entry';
import type { MessageRef } from '../i18n/i18n';
import type { ActorTarget } from '../screens/Screen';
import { messageView, statusView, type MessageAction, type ScreenView } from './app-view';

/** 'pin-entry': the 4-digit auth PIN, for login or as the last step of registration. */
export interface PinEntryProps {
  purpose: 'login' | 'registration';
  /** How many digits are typed (the digits themselves never leave the machine). */
  digits: number;
  maxDigits: number;
  triesLeft?: number;
  maxTries?: number;
  error?: MessageRef;
  /** One try left: the viewer must CONFIRM before the PIN goes to the card. */
  confirmingLastAttempt: boolean;
  /** OK was pressed; the card is still being read, or the bridge is asked about the last try. */
  waiting: boolean;
}

type LoginSnapshot = Pick<SnapshotFrom<typeof loginMachine>, 'value' | 'context'>;

/** "active.typing", "locked", …: the snapshot's state as one dotted name. */
export const stateName = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const [parent, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${parent}.${stateName(child)}`;
};

/** The message a flow error carries, with the tries left when the card told them. */
export const errorRef = (
  error: FlowError | undefined,
  fallback: MessageRef['key'] = 'unexpected',
): MessageRef => {
  if (!error) return { key: fallback };
  return error.triesLeft === undefined
    ? { key: error.messageKey }
    : { key: error.messageKey, params: { triesLeft: error.triesLeft } };
};

/** The shared shape of the error screens: OK ends a dead end; RETRY (focused) or CANCEL otherwise. */
export const deadEndView = (target: ActorTarget, titleKey: string, body: MessageRef): ScreenView =>
  messageView(target, {
    tone: 'error',
    titleKey,
    body,
    actions: [{ labelKey: 'login.understood', event: { type: 'OK' } }],
    contact: true,
  });

export const retryableView = (target: ActorTarget, titleKey: string, body: MessageRef): ScreenView => {
  const actions: MessageAction[] = [
    { labelKey: 'common.retry', event: { type: 'RETRY' } },
    { labelKey: 'common.cancel', event: { type: 'CANCEL' } },
  ];
  return messageView(target, { tone: 'error', titleKey, body, actions, contact: true });
};

/**
 * Errors that belong on the PIN screen. Others stay in context after a RETRY (the machine keeps the
 * last error until a digit is typed) and would tell the viewer about a problem already behind them.
 */
const PIN_ENTRY_ERRORS: readonly FlowErrorKind[] = ['pinIncorrect', 'lastAttempt', 'challengeExpired'];

/**
 * At one try left, OK sends the PIN without a confirmation and the bridge answers with the warning's
 * value, touching nothing: that short wait stays on the PIN screen ("checking…"), since the PIN has
 * not been checked yet. The call that CONFIRM sends is a real check: the status screen.
 */
const askingAboutLastTry = (snapshot: LoginSnapshot, state: string): boolean =>
  (state === 'challenging' || state === 'signing') &&
  snapshot.context.pinStatus?.triesLeft === 1 &&
  snapshot.context.confirmation === undefined;

const pinEntry = (snapshot: LoginSnapshot, state: string): ScreenView<PinEntryProps> => {
  const { pin, heldPin, pinStatus, error } = snapshot.context;
  const props: PinEntryProps = {
    purpose: 'login',
    digits: heldPin?.length ?? pin.length,
    maxDigits: PIN_LENGTH,
    confirmingLastAttempt: state === 'active.confirmingLastAttempt',
    waiting: state === 'active.submitted' || state === 'challenging' || state === 'signing',
  };
  if (pinStatus) {
    props.triesLeft = pinStatus.triesLeft;
    props.maxTries = pinStatus.maxTries;
  }
  if (error && PIN_ENTRY_ERRORS.includes(error.kind)) props.error = errorRef(error);
  return { screen: 'pin-entry', target: 'login', props };
};

const TARGET: ActorTarget = 'login';

export function loginView(snapshot: LoginSnapshot): ScreenView {
  const state = stateName(snapshot.value);
  const body = errorRef(snapshot.context.error);
  switch (state) {
    case 'active.typing':
    case 'active.submitted':
    case 'active.confirmingLastAttempt':
      return pinEntry(snapshot, state);
    case 'challenging':
    case 'signing':
      if (askingAboutLastTry(snapshot, state)) return pinEntry(snapshot, state);
      return statusView(TARGET, { titleKey: 'login.checking', bodyKey: 'common.working' });
    case 'verifying':
      return statusView(TARGET, { titleKey: 'login.checking', bodyKey: 'common.working' });
    case 'locked':
      return deadEndView(TARGET, 'login.title.locked', { key: 'pinLocked' });
    case 'notMyNumberCard':
      return deadEndView(TARGET, 'common.title.card', body);
    case 'certificateExpired':
    case 'certificateRevoked':
      return deadEndView(TARGET, 'login.title.certificate', body);
    case 'bridgeDown':
    case 'platformDown':
      return retryableView(TARGET, 'common.title.connection', body);
    case 'cardError':
      return retryableView(TARGET, 'common.title.card', body);
    case 'rejected':
      return retryableView(TARGET, 'common.title.error', body);
    case 'signedIn':
      return statusView(TARGET, { titleKey: 'login.signedIn' });
    case 'registrationRequired':
      return statusView(TARGET, { titleKey: 'login.toRegistration', bodyKey: 'common.pleaseWait' });
    case 'cancelled':
      return statusView(TARGET, { titleKey: 'login.cancelled', bodyKey: 'common.pleaseWait' });
    case 'cardChanged':
      // Passing: the session shows why at once (another card is in; nothing was sent to it).
      return statusView(TARGET, { titleKey: 'common.title.card', bodyKey: 'common.pleaseWait' });
    default:
      // A state added to the machine without a view: say "please wait" rather than a blank screen.
      return statusView(TARGET, { titleKey: 'common.pleaseWait' });
  }
}

/**
 * The login machine's snapshot → what the viewer sees. PIN entry shows how many digits are typed,
 * never the digits; the card and platform steps show a status; dead ends and retryable failures
 * show a full-screen message with the operator's phone.
 */
import type { SnapshotFrom } from 'xstate';
import type { FlowErrorKind } from '../../../machines/errors';
import type { loginMachine } from '../machine/login.machine';
import { PIN_LENGTH } from '../../../machines/entry';
import type { ActorTarget } from '../../../app/screens/Screen';
import {
  deadEndView,
  errorRef,
  retryableView,
  stateName,
  statusView,
  type ScreenView,
} from '../../../app/view/app-view';
import type { PinEntryProps } from '../../secret-entry/props';
import { SecretEntryScreen } from '../../secret-entry/index';

type LoginSnapshot = Pick<SnapshotFrom<typeof loginMachine>, 'value' | 'context'>;

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
  return { screen: SecretEntryScreen.pinEntry, target: 'login', props };
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

/**
 * The login machine's snapshot → what the viewer sees. PIN entry shows how many digits are typed,
 * never the digits; the card and platform steps show a status; dead ends and retryable failures
 * show a full-screen message with the operator's phone.
 */
import type { SnapshotFrom } from 'xstate';
import type { FlowErrorKind } from '../../../machines/errors';
import type { loginMachine } from '../machine/login.machine';
import type { ActorTarget } from '../../../app/screens/Screen';
import { errorRef, stateName, statusView, type ScreenView } from '../../../app/view/app-view';
import type { PinEntryProps } from '../../secret-entry/props';
import {
  checkingView,
  pinEntryView,
  pinLockedView,
  signingFlowView,
} from '../../secret-entry/view/signing-flow-view';

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
  return pinEntryView('login', {
    digits: heldPin?.length ?? pin.length,
    status: pinStatus,
    confirmingLastAttempt: state === 'active.confirmingLastAttempt',
    waiting: state === 'active.submitted' || state === 'challenging' || state === 'signing',
    error: error && PIN_ENTRY_ERRORS.includes(error.kind) ? errorRef(error) : undefined,
  });
};

const TARGET: ActorTarget = 'login';

export function loginView(snapshot: LoginSnapshot): ScreenView {
  const state = stateName(snapshot.value);
  switch (state) {
    case 'active.typing':
    case 'active.submitted':
    case 'active.confirmingLastAttempt':
      return pinEntry(snapshot, state);
    case 'challenging':
    case 'signing':
      if (askingAboutLastTry(snapshot, state)) return pinEntry(snapshot, state);
      return checkingView(TARGET);
    case 'verifying':
      return checkingView(TARGET);
    case 'locked':
      return pinLockedView(TARGET);
    case 'signedIn':
      return statusView(TARGET, { titleKey: 'login.signedIn' });
    case 'registrationRequired':
      return statusView(TARGET, { titleKey: 'login.toRegistration', bodyKey: 'common.pleaseWait' });
    case 'cancelled':
      return statusView(TARGET, { titleKey: 'login.cancelled', bodyKey: 'common.pleaseWait' });
    default:
      return signingFlowView(TARGET, state, snapshot.context.error);
  }
}

/**
 * The registration machine's snapshot → what the viewer sees: customer number, signature password
 * (on-screen keypad), PIN; a status while the card signs and the platform links the card; full-screen
 * messages for dead ends and retryable failures. Secrets show as counts only.
 */
import type { SnapshotFrom } from 'xstate';
import {
  CUSTOMER_NUMBER_MAX,
  CUSTOMER_NUMBER_MIN,
  PASSWORD_MAX,
  PASSWORD_MIN,
} from '../../../machines/entry';
import type { FlowError } from '../../../machines/errors';
import type { registrationMachine } from '../machine/registration.machine';
import type { MessageRef } from '../../../app/i18n/i18n';
import type { ActorTarget } from '../../../app/screens/Screen';
import { deadEndView, errorRef, stateName, statusView, type ScreenView } from '../../../app/view/app-view';
import { RegistrationScreen } from '../index';
import type { PinEntryProps, SignPasswordProps } from '../../secret-entry/props';
import { SecretEntryScreen } from '../../secret-entry/index';
import {
  checkingView,
  pinEntryView,
  pinLockedView,
  signingFlowView,
  triesOf,
} from '../../secret-entry/view/signing-flow-view';

/** 'customer-number': the cable TV customer number (not a secret: it is shown as typed). */
export interface CustomerNumberProps {
  digits: string;
  min: number;
  max: number;
  error?: MessageRef;
}

type RegistrationSnapshot = Pick<SnapshotFrom<typeof registrationMachine>, 'value' | 'context'>;
type Context = RegistrationSnapshot['context'];

const TARGET: ActorTarget = 'registration';

/**
 * Each entry screen shows only the errors about it: the machine keeps the last error in context
 * until something is typed, so after a RETRY or a step back another screen's error is still there.
 */
const customerError = (error: FlowError | undefined) =>
  error?.kind === 'customerNotFound' ? errorRef(error) : undefined;

const passwordError = (error: FlowError | undefined, context: Context): MessageRef | undefined => {
  if (!error) return undefined;
  if (error.kind === 'challengeExpired') return { key: 'registrationChallengeExpired' };
  const mine =
    error.messageKey === 'signPasswordIncorrect' ||
    (error.kind === 'lastAttempt' && context.passwordStatus?.triesLeft === 1);
  return mine ? errorRef(error) : undefined;
};

const pinError = (error: FlowError | undefined, context: Context) => {
  if (!error) return undefined;
  const mine =
    error.messageKey === 'pinIncorrect' ||
    (error.kind === 'lastAttempt' && context.pinStatus?.triesLeft === 1);
  return mine ? errorRef(error) : undefined;
};

const withError = <P extends object>(props: P, error: MessageRef | undefined): P =>
  error ? { ...props, error } : props;

const customerNumber = (context: Context): ScreenView<CustomerNumberProps> => ({
  screen: RegistrationScreen.customerNumber,
  target: TARGET,
  props: withError(
    { digits: context.customerNumber, min: CUSTOMER_NUMBER_MIN, max: CUSTOMER_NUMBER_MAX },
    customerError(context.error),
  ),
});

const signPassword = (context: Context, confirming: boolean): ScreenView<SignPasswordProps> => ({
  screen: SecretEntryScreen.signPassword,
  target: TARGET,
  props: withError(
    {
      length: context.password.length,
      minLength: PASSWORD_MIN,
      maxLength: PASSWORD_MAX,
      ...triesOf(context.passwordStatus),
      confirmingLastAttempt: confirming,
    },
    passwordError(context.error, context),
  ),
});

const pinEntry = (context: Context, confirming: boolean, waiting: boolean): ScreenView<PinEntryProps> =>
  pinEntryView(TARGET, {
    digits: context.pin.length,
    status: context.pinStatus,
    confirmingLastAttempt: confirming,
    waiting,
    error: pinError(context.error, context),
  });

export function registrationView(snapshot: RegistrationSnapshot): ScreenView {
  const { context } = snapshot;
  const body = errorRef(context.error);
  const state = stateName(snapshot.value);
  switch (state) {
    case 'entering.customerNumber':
      return customerNumber(context);
    case 'entering.password':
      return signPassword(context, false);
    case 'entering.confirmingPassword':
      return signPassword(context, true);
    case 'entering.pin':
      return pinEntry(context, false, false);
    case 'entering.submitted':
      // Waits here only while the card is still being read.
      return pinEntry(context, false, true);
    case 'entering.confirmingPin':
      return pinEntry(context, true, false);
    case 'challenging':
    case 'signingWithPassword':
    case 'signingWithPin':
      return checkingView(TARGET);
    case 'registering':
      return statusView(TARGET, { titleKey: 'registration.registering', bodyKey: 'common.working' });
    case 'pinLocked':
      return pinLockedView(TARGET);
    case 'passwordLocked':
      return deadEndView(TARGET, 'registration.title.passwordLocked', { key: 'signPasswordLocked' });
    case 'mismatch':
      return deadEndView(TARGET, 'registration.title.mismatch', body);
    case 'alreadyLinked':
      return deadEndView(TARGET, 'registration.title.alreadyLinked', body);
    case 'registered':
      return statusView(TARGET, { titleKey: 'registration.registered', bodyKey: 'common.pleaseWait' });
    case 'cancelled':
      return statusView(TARGET, { titleKey: 'registration.cancelled', bodyKey: 'common.pleaseWait' });
    default:
      return signingFlowView(TARGET, state, context.error);
  }
}

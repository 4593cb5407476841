/**
 * What every flow that signs with the card shows alike: the PIN entry's props from the flow's
 * context (the count typed, never the digits) and the screens for the states such a flow shares
 * (card-flow.ts routes to them): the card or the bridge gone, the platform's refusals, another card.
 */
import { PIN_LENGTH } from '../../../machines/entry';
import type { FlowError } from '../../../machines/errors';
import type { PinStatus } from '../../../machines/ports';
import type { MessageRef } from '../../../app/i18n/i18n';
import type { ActorTarget } from '../../../app/screens/Screen';
import {
  deadEndView,
  errorRef,
  retryableView,
  statusView,
  type ScreenView,
} from '../../../app/view/app-view';
import { SecretEntryScreen } from '../index';
import type { PinEntryProps } from '../props';

/** The card's count as the keypad screens show it, when the flow knows it. */
export const triesOf = (status: PinStatus | undefined) =>
  status ? { triesLeft: status.triesLeft, maxTries: status.maxTries } : {};

export interface PinEntryState {
  /** How many digits are typed (or on their way to the card). */
  digits: number;
  status: PinStatus | undefined;
  confirmingLastAttempt: boolean;
  waiting: boolean;
  /** Only an error about the PIN: the flow picks it. */
  error: MessageRef | undefined;
}

export const pinEntryView = (
  target: ActorTarget & PinEntryProps['purpose'],
  entry: PinEntryState,
): ScreenView<PinEntryProps> => {
  const props: PinEntryProps = {
    purpose: target,
    digits: entry.digits,
    maxDigits: PIN_LENGTH,
    ...triesOf(entry.status),
    confirmingLastAttempt: entry.confirmingLastAttempt,
    waiting: entry.waiting,
  };
  if (entry.error) props.error = entry.error;
  return { screen: SecretEntryScreen.pinEntry, target, props };
};

/** While the card signs or the platform checks the signature: a status, nothing to press. */
export const checkingView = (target: ActorTarget): ScreenView =>
  statusView(target, { titleKey: 'login.checking', bodyKey: 'common.working' });

/** The auth PIN locked: the same dead end in every flow that meets it. */
export const pinLockedView = (target: ActorTarget): ScreenView =>
  deadEndView(target, 'login.title.locked', { key: 'pinLocked' });

/** The screens for the states every signing flow has; "please wait" for one without a view. */
export function signingFlowView(
  target: ActorTarget,
  state: string,
  error: FlowError | undefined,
): ScreenView {
  const body = errorRef(error);
  switch (state) {
    case 'notMyNumberCard':
      return deadEndView(target, 'common.title.card', body);
    case 'certificateExpired':
    case 'certificateRevoked':
      return deadEndView(target, 'login.title.certificate', body);
    case 'bridgeDown':
    case 'platformDown':
      return retryableView(target, 'common.title.connection', body);
    case 'cardError':
      return retryableView(target, 'common.title.card', body);
    case 'rejected':
      return retryableView(target, 'common.title.error', body);
    case 'cardChanged':
      // Passing: the session shows why at once (another card is in; nothing was sent to it).
      return statusView(target, { titleKey: 'common.title.card', bodyKey: 'common.pleaseWait' });
    default:
      // A state added to the machine without a view: say "please wait" rather than a blank screen.
      return statusView(target, { titleKey: 'common.pleaseWait' });
  }
}

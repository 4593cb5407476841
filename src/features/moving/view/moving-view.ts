/**
 * Moving flow snapshot → screen: the consent, the services beside the new address, the summary,
 * the signature password (the secret entry's keypad, from the child entry's snapshot), the status
 * of each service (the same screen while polling and once all are final), and full-screen messages
 * for what went wrong, each with a way on. Secrets show as counts only.
 */
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../machines/entry';
import type { FlowError } from '../../../machines/errors';
import type { PinStatus } from '../../../machines/ports';
import type { MessageRef } from '../../../app/i18n/i18n';
import type { ActorTarget } from '../../../app/screens/Screen';
import { deadEndView, errorRef, messageView, statusView } from '../../../app/view/app-view';
import type { MessageAction, ScreenView } from '../../../app/view/app-view';
import type { SignPasswordProps } from '../../secret-entry/props';
import { SecretEntryScreen } from '../../secret-entry/index';
import { checkingView, triesOf } from '../../secret-entry/view/signing-flow-view';
import { upToDate, type movingMachine } from '../machine/moving.machine';
import { MovingScreen } from '../index';

type MovingSnapshot = SnapshotFrom<typeof movingMachine>;
type Context = MovingSnapshot['context'];

const TARGET: ActorTarget = 'moving';

/** A service by its name in both languages (the screen picks the viewer's). */
interface Named {
  name: string;
  nameEn: string;
}

export interface ServiceRow extends Named {
  id: string;
  /** The address the service holds now. */
  heldAddress: string;
  /** It already holds the new address: shown as such, not a choice. */
  upToDate: boolean;
  chosen: boolean;
}

export interface MovingServicesProps {
  newAddress: string;
  services: ServiceRow[];
  /** 次へ was pressed with nothing ticked. */
  nothingChosen: boolean;
}

export interface MovingSummaryProps {
  newAddress: string;
  services: Named[];
  triesLeft?: number;
  maxTries?: number;
}

export type DeliveryStatus = 'sending' | 'accepted' | 'completed' | 'actionRequired';

export interface DeliveryRow extends Named {
  serviceId: string;
  status: DeliveryStatus;
  reason?: { ja: string; en: string };
}

export interface MovingStatusProps {
  newAddress: string;
  deliveries: DeliveryRow[];
  /** Every service answered finally: the polling stopped. */
  final: boolean;
}

const view = <P>(screen: ScreenView['screen'], props: P): ScreenView<P> => ({
  screen,
  target: TARGET,
  props,
});

const RETRY_OR_LEAVE: MessageAction[] = [
  { labelKey: 'common.retry', event: { type: 'RETRY' } },
  { labelKey: 'moving.leave', event: { type: 'BACK' } },
];

const failed = (titleKey: string, body: MessageRef): ScreenView =>
  messageView(TARGET, { tone: 'error', titleKey, body, actions: RETRY_OR_LEAVE, contact: true });

const servicesProps = (context: Context): MovingServicesProps => ({
  newAddress: context.newAddress ?? '',
  services: (context.services ?? []).map((service) => ({
    id: service.id,
    name: service.name,
    nameEn: service.nameEn,
    heldAddress: service.heldAddress ?? '',
    upToDate: upToDate(service, context.newAddress),
    chosen: context.chosen.includes(service.id),
  })),
  nothingChosen: context.nothingChosen,
});

const summaryProps = (context: Context): MovingSummaryProps => ({
  newAddress: context.newAddress ?? '',
  services: (context.services ?? [])
    .filter((service) => context.chosen.includes(service.id))
    .map(({ name, nameEn }) => ({ name, nameEn })),
  ...triesOf(context.passwordStatus),
});

const statusProps = (context: Context, final: boolean): MovingStatusProps => ({
  newAddress: context.addressChange?.newAddress ?? context.newAddress ?? '',
  deliveries: (context.addressChange?.deliveries ?? []).map((d) => ({
    serviceId: d.serviceId,
    name: d.name,
    nameEn: d.nameEn,
    status: d.status,
    ...(d.status === 'actionRequired' && d.reason
      ? { reason: { ja: d.reason, en: d.reasonEn ?? d.reason } }
      : {}),
  })),
  final,
});

interface EntrySnapshot {
  value: unknown;
  context: { typed: string; status: PinStatus | undefined; error: FlowError | undefined };
}

/** Only the entry's own errors show under the field (a wrong password, the last try). */
const entryError = (entry: EntrySnapshot): MessageRef | undefined => {
  const { error, status } = entry.context;
  if (!error) return undefined;
  const mine =
    error.messageKey === 'signPasswordIncorrect' || (error.kind === 'lastAttempt' && status?.triesLeft === 1);
  return mine ? errorRef(error) : undefined;
};

/** The signature password on the secret entry's keypad, titled for this flow. */
function passwordView(snapshot: MovingSnapshot): ScreenView {
  const child = (snapshot.children as Record<string, AnyActorRef | undefined>).passwordEntry;
  const entry = child?.getSnapshot() as EntrySnapshot | undefined;
  if (!entry || entry.value === 'submitting' || typeof entry.value !== 'string') return checkingView(TARGET);
  if (!['typing', 'confirmingLastAttempt'].includes(entry.value)) return checkingView(TARGET);
  const error = entryError(entry);
  const props: SignPasswordProps = {
    titleKey: 'moving.password.title',
    length: entry.context.typed.length,
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    ...triesOf(entry.context.status),
    confirmingLastAttempt: entry.value === 'confirmingLastAttempt',
    ...(error ? { error } : {}),
  };
  return { screen: SecretEntryScreen.signPassword, target: TARGET, props };
}

export function movingView(snapshot: MovingSnapshot): ScreenView {
  const { context } = snapshot;
  const body = errorRef(context.error);
  if (snapshot.matches('consent')) return view(MovingScreen.movingConsent, {});
  if (snapshot.matches('fetching')) {
    return statusView(TARGET, { titleKey: 'moving.title.fetching', bodyKey: 'moving.status.fetching' });
  }
  if (snapshot.matches('fetchFailed')) return failed('moving.title.fetchFailed', body);
  if (snapshot.matches('choosing')) return view(MovingScreen.movingServices, servicesProps(context));
  if (snapshot.matches('summary')) return view(MovingScreen.movingSummary, summaryProps(context));
  if (snapshot.matches('signing')) return passwordView(snapshot);
  if (snapshot.matches('signFailed')) return failed('moving.title.signFailed', body);
  if (snapshot.matches('passwordLocked')) {
    return deadEndView(TARGET, 'registration.title.passwordLocked', { key: 'signPasswordLocked' });
  }
  if (snapshot.matches('creating')) {
    return statusView(TARGET, { titleKey: 'moving.title.sending', bodyKey: 'moving.status.sending' });
  }
  if (snapshot.matches('createFailed')) {
    return failed('moving.title.sendFailed', { key: 'addressChangeNotSent' });
  }
  if (snapshot.matches('rejected')) return failed('moving.title.rejected', body);
  if (snapshot.matches('tracking')) return view(MovingScreen.movingStatus, statusProps(context, false));
  if (snapshot.matches('done')) return view(MovingScreen.movingStatus, statusProps(context, true));
  // closed, sessionExpired: the session takes over at once.
  return statusView(TARGET, { titleKey: 'common.pleaseWait' });
}

/**
 * Pairing flow snapshot → screen: 'status' while codes are asked for, the pairing code screen while
 * they are shown (the minutes left, rounded up, so the props change once a minute), and the shell's
 * message for paired, declined, expired and the errors, each with its way on. A login request
 * (スマートフォンでログイン) reads the same with its own titles, and says why the platform refused
 * the card read on the phone.
 */
import type { SnapshotFrom } from 'xstate';
import type { pairingMachine } from '../machine/pairing.machine';
import { errorRef, messageView, noticeView, statusView } from '../../../app/view/app-view';
import type { MessageAction, ScreenView } from '../../../app/view/app-view';
import type { MessageRef } from '../../../app/i18n/i18n';
import type { FlowError } from '../../../machines/errors';
import { CompanionScreen } from '../index';

type PairingSnapshot = SnapshotFrom<typeof pairingMachine>;

export interface PairingCodeProps {
  /** `XXXX-XXXX`. */
  userCode: string;
  /** The short address to type (the QR code holds the full one). */
  verificationUri: string;
  /** The QR code's content: the phone page with the code filled in. */
  verificationUriComplete: string;
  minutesLeft: number;
  /** A poll was lost: the code still stands, and the screen says the service is hard to reach. */
  reconnecting: boolean;
  /** The viewer logs in by the phone (the title and the second step say so). */
  login?: true;
}

const TARGET = 'companion' as const;

const NEW_CODE_OR_LEAVE: MessageAction[] = [
  { labelKey: 'companion.newCode', event: { type: 'RETRY' } },
  { labelKey: 'companion.leave', event: { type: 'BACK' } },
];

/** Why a phone login did not happen: the platform's reason for the card read on the phone, or the viewer's no. */
const refusalOf = (refusal: PairingSnapshot['context']['refusal']): MessageRef => {
  if (refusal === undefined) return { key: 'phoneLoginDeclined' };
  // Registering needs the reader: the card login's words (bring the customer number) would mislead.
  return { key: refusal === 'REGISTRATION_REQUIRED' ? 'phoneLoginNotRegistered' : refusal };
};

export function companionView(snapshot: PairingSnapshot): ScreenView {
  const { context } = snapshot;
  const login = context.scope === 'login';
  const titleKey = login ? 'companion.login.title' : 'companion.title';
  if (snapshot.matches('connected')) {
    return noticeView(
      TARGET,
      'companion.title.connected',
      { key: 'phoneConnected' },
      [
        { labelKey: 'companion.unpair', event: { type: 'UNPAIR' } },
        { labelKey: 'common.back', event: { type: 'BACK' } },
      ],
      1,
    );
  }
  if (snapshot.matches('unpairing')) {
    return statusView(TARGET, { titleKey: 'companion.title.unpairing', bodyKey: 'common.pleaseWait' });
  }
  if (snapshot.matches('unpaired')) {
    return noticeView(TARGET, 'companion.title.unpaired', { key: 'phoneUnpaired' }, [
      { labelKey: 'companion.ok', event: { type: 'OK' } },
    ]);
  }
  if (snapshot.matches('unpairFailed')) return retryView(context.error, 'common.back');
  if (snapshot.status !== 'active' || snapshot.matches('starting') || snapshot.matches('opening')) {
    return statusView(TARGET, { titleKey, bodyKey: 'companion.starting' });
  }
  if (snapshot.matches('signingIn')) {
    return statusView(TARGET, { titleKey, bodyKey: 'companion.login.signingIn' });
  }
  if (snapshot.matches('denied') && login) {
    return messageView(TARGET, {
      tone: context.refusal === undefined ? 'notice' : 'error',
      titleKey: 'companion.login.title.denied',
      body: refusalOf(context.refusal),
      actions: NEW_CODE_OR_LEAVE,
      contact: context.refusal !== undefined,
    });
  }
  if (snapshot.matches('paired')) {
    return noticeView(TARGET, 'companion.title.paired', { key: 'phonePaired' }, [
      { labelKey: 'companion.ok', event: { type: 'OK' } },
    ]);
  }
  if (snapshot.matches('denied') || snapshot.matches('expired')) {
    const denied = snapshot.matches('denied');
    return noticeView(
      TARGET,
      denied ? 'companion.title.denied' : 'companion.title.expired',
      { key: denied ? 'ACCESS_DENIED' : 'EXPIRED_TOKEN' },
      NEW_CODE_OR_LEAVE,
    );
  }
  if (snapshot.matches('error') || snapshot.matches('signInFailed') || !context.codes) {
    return retryView(context.error, 'companion.leave');
  }
  const props: PairingCodeProps = {
    userCode: context.codes.userCode,
    verificationUri: context.codes.verificationUri,
    verificationUriComplete: context.codes.verificationUriComplete,
    minutesLeft: Math.max(1, Math.ceil(context.secondsLeft / 60)),
    reconnecting: context.pollFailures > 0,
    ...(login ? { login: true as const } : {}),
  };
  return { screen: CompanionScreen.pairingCode, target: TARGET, props };
}

/** A failed step: what went wrong, もう一度 (RETRY), and the way out the step offers (BACK). */
function retryView(error: FlowError | undefined, backKey: string) {
  return messageView(TARGET, {
    tone: 'error',
    titleKey: 'common.title.error',
    body: errorRef(error),
    actions: [
      { labelKey: 'common.retry', event: { type: 'RETRY' } },
      { labelKey: backKey, event: { type: 'BACK' } },
    ],
    contact: true,
  });
}

/**
 * What the PIN entry and the signature password screens do alike around the secret: the tries
 * line, the last-try warning shown in place of the entry, what changed spoken as it comes, and
 * the announcement. One place, so the two screens cannot drift apart on what the viewer is told.
 */
import { message, type MessageRef } from '../../../app/i18n/i18n';
import type { AppEvent } from '../../../app/screens/Screen';
import type { LastTryPanel } from './PinEntry/LastTryPanel';

/** A secret as its screen shows it: the card's count, the last try's error, the warning. */
interface SecretOnScreen {
  triesLeft?: number;
  error?: MessageRef;
  confirmingLastAttempt: boolean;
}

const LAST_TRY: MessageRef = { key: 'lastAttemptConfirm' };
/** What a typed character shows as (never the character). */
export const FILLED = '●';

export const sameMessage = (a: MessageRef | undefined, b: MessageRef | undefined): boolean =>
  a?.key === b?.key && JSON.stringify(a?.params ?? {}) === JSON.stringify(b?.params ?? {});

/** The tries line, unless the error already says how many are left. */
export const triesLine = (props: { triesLeft?: number; error?: MessageRef }): string | undefined =>
  props.triesLeft === undefined || props.error?.params?.triesLeft !== undefined
    ? undefined
    : message({ key: 'triesLeft', params: { triesLeft: props.triesLeft } });

/** The warning's buttons answer the flow: 確認する is CONFIRM, 入力し直す is BACK. */
export function answerPanelTo(panel: LastTryPanel, send: (event: AppEvent) => void): void {
  panel.onConfirm = () => send({ type: 'CONFIRM' });
  panel.onReenter = () => send({ type: 'BACK' });
}

/**
 * Shows the warning in `box` while the flow asks for the confirmation (from its first button each
 * time it opens), and returns what to speak now: the warning as it opens, else a new error. Nothing
 * on the screen's first view (`before` undefined): the screen's announcement covers it.
 */
export function showLastTry(
  panel: LastTryPanel,
  box: { x: number; y: number; w: number; h: number },
  props: SecretOnScreen,
  before: SecretOnScreen | undefined,
): string | undefined {
  const confirming = props.confirmingLastAttempt;
  const opening = confirming && !before?.confirmingLastAttempt;
  panel.patch({ visible: confirming });
  if (confirming) panel.show(box, LAST_TRY);
  if (opening) panel.reset();
  if (!before) return undefined;
  if (opening) return message(LAST_TRY);
  if (props.error && !sameMessage(props.error, before.error)) return message(props.error);
  return undefined;
}

/** The title, then the warning alone; or what to type, the tries, the error and how to type. */
export const secretAnnouncement = (
  title: string,
  prompt: MessageRef,
  props: SecretOnScreen,
  howTo: string,
): string =>
  props.confirmingLastAttempt
    ? [title, message(LAST_TRY)].join(' ')
    : [title, message(prompt), triesLine(props), props.error && message(props.error), howTo]
        .filter(Boolean)
        .join(' ');

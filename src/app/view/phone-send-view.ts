/**
 * 「スマートフォンに送る」 as every feature shows it (src/machines/phone-send.ts): a status while
 * sending, 送りました, no phone paired (with 「スマートフォンとつなぐ」), or a failure to retry.
 */
import type { FlowError } from '../../machines/errors';
import type { PhoneItem } from '../../machines/ports';
import type { ActorTarget } from '../screens/Screen';
import { errorRef, messageView, noticeView, statusView, type ScreenView } from './app-view';

const STEPS = ['sending', 'sent', 'notPaired', 'failed'] as const;
type PhoneSendStep = (typeof STEPS)[number];

/** The step a flow's snapshot is at, asked by `inStep` (e.g. `s => snapshot.matches({ phone: s })`). */
export const phoneSendStep = (inStep: (step: PhoneSendStep) => boolean): PhoneSendStep | undefined =>
  STEPS.find(inStep);

export function phoneSendView(
  target: ActorTarget,
  step: PhoneSendStep,
  error: FlowError | undefined,
): ScreenView {
  switch (step) {
    case 'sending':
      return statusView(target, { titleKey: 'common.title.sendingToPhone', body: { key: 'sendingToPhone' } });
    case 'sent':
      return noticeView(target, 'common.title.sentToPhone', { key: 'sentToPhone' }, [
        { labelKey: 'common.ok', event: { type: 'OK' } },
      ]);
    case 'notPaired':
      return noticeView(target, 'common.title.notPaired', { key: 'notPairedToSend' }, [
        { labelKey: 'common.pairPhone', event: { type: 'PAIR_PHONE' } },
        { labelKey: 'common.back', event: { type: 'BACK' } },
      ]);
    case 'failed':
      return messageView(target, {
        tone: 'error',
        titleKey: 'common.title.error',
        body: error?.kind === 'unexpected' || !error ? { key: 'sendToPhoneFailed' } : errorRef(error),
        actions: [
          { labelKey: 'common.retry', event: { type: 'RETRY' } },
          { labelKey: 'common.back', event: { type: 'BACK' } },
        ],
        contact: true,
      });
  }
}

/** The platform's limits of an item (api/platform.openapi.yaml, PhoneItemRequest; 8192 bytes in all). */
const TITLE_MAX = 60;
const LINE_MAX = 200;
const LINES_MAX = 30;
const TEXT_BYTES_MAX = 6000;

/**
 * What a screen sends, made to fit the platform's limits: the title cut at 60 characters, long
 * lines wrapped at 200, at most 30 lines and about 6000 bytes; what is left out is said at the end.
 */
export function phoneItem(
  kind: PhoneItem['kind'],
  title: string,
  lines: readonly string[],
  more: string,
): PhoneItem {
  const chars = (text: string) => [...text];
  const wrapped = lines.flatMap((line) => {
    const all = chars(line.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' '));
    if (all.length === 0) return [''];
    const parts: string[] = [];
    for (let i = 0; i < all.length; i += LINE_MAX) parts.push(all.slice(i, i + LINE_MAX).join(''));
    return parts;
  });
  const kept: string[] = [];
  let bytes = 0;
  for (const [index, line] of wrapped.entries()) {
    bytes += new TextEncoder().encode(line).length + 4;
    const room = index === wrapped.length - 1 ? LINES_MAX : LINES_MAX - 1;
    if (kept.length >= room || bytes > TEXT_BYTES_MAX) {
      kept.push(more);
      break;
    }
    kept.push(line);
  }
  return { kind, title: chars(title).slice(0, TITLE_MAX).join(''), lines: kept };
}

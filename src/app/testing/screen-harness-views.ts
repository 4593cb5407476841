/**
 * The message views that several features' view tests expect, written once so each test names
 * what it expects ("a failed load the viewer can retry") instead of copying the props.
 */
import type { MessageKey } from '../../machines/messages';
import { SCREEN } from '../screens/ids';
import type { MessageProps, ScreenView } from '../view/app-view';

/** A failed load: the error, 再試行 (RETRY) and 戻る (BACK), and whom to call. */
const retryOrBackError = (key: MessageKey): MessageProps => ({
  tone: 'error',
  titleKey: 'common.title.error',
  body: { key },
  actions: [
    { labelKey: 'common.retry', event: { type: 'RETRY' } },
    { labelKey: 'common.back', event: { type: 'BACK' } },
  ],
  contact: true,
});

/** A notice the viewer acknowledges with OK; nobody needs calling. */
export const okNotice = (titleKey: string, key: MessageKey): MessageProps => ({
  tone: 'notice',
  titleKey,
  body: { key },
  actions: [{ labelKey: 'common.ok', event: { type: 'OK' } }],
  contact: false,
});

/** Expects the message screen showing a failed load with RETRY and BACK. */
export function expectRetryOrBack(view: ScreenView, key: MessageKey): void {
  expect(view.screen).toBe(SCREEN.message);
  expect(view.props).toEqual(retryOrBackError(key));
}

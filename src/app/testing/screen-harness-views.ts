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

type Event = { type: string; [key: string]: unknown };

/** A flow at a screen that offers 「スマートフォンに送る」, as its view test drives it. */
interface PhoneSendFlow {
  send: (...events: Event[]) => Promise<void>;
  view: () => ScreenView;
  output: () => unknown;
}

/**
 * 「スマートフォンに送る」 from `screen`, through every answer: sending (a status), no phone paired
 * (スマートフォンとつなぐ or BACK to the screen), a failure (RETRY, BACK), 送りました (OK to the
 * screen), and PAIR_PHONE ending the flow for the session to open pairing.
 */
export async function expectPhoneSendViews(flow: PhoneSendFlow, screen: string): Promise<void> {
  const { send, view } = flow;
  const item = { kind: 'booking', title: '送るもの', lines: ['一行目'] };
  const sendToPhone = { type: 'SEND_TO_PHONE', item };
  const fails = (error: Error) => ({ type: 'xstate.error.actor.sendToPhone', error });
  const { NotPairedError, PlatformUnavailableError } = await import('../../platform/errors');
  await send(sendToPhone);
  expect(view()).toMatchObject({ screen: SCREEN.status, props: { titleKey: 'common.title.sendingToPhone' } });
  await send(fails(new NotPairedError('PAIRING_NOT_FOUND')));
  expect(view().props).toEqual({
    tone: 'notice',
    titleKey: 'common.title.notPaired',
    body: { key: 'notPairedToSend' },
    actions: [
      { labelKey: 'common.pairPhone', event: { type: 'PAIR_PHONE' } },
      { labelKey: 'common.back', event: { type: 'BACK' } },
    ],
    contact: false,
  });
  await send({ type: 'BACK' });
  expect(view().screen).toBe(screen);
  await send(sendToPhone, fails(new PlatformUnavailableError('PLATFORM_UNAVAILABLE')));
  expectRetryOrBack(view(), 'PLATFORM_UNAVAILABLE');
  await send({ type: 'RETRY' });
  expect(view().screen).toBe(SCREEN.status);
  await send({ type: 'xstate.done.actor.sendToPhone', output: { id: 'pi_1' } });
  expect(view().props).toEqual(okNotice('common.title.sentToPhone', 'sentToPhone'));
  await send({ type: 'OK' });
  expect(view().screen).toBe(screen);
  await send(sendToPhone, fails(new NotPairedError('PAIRING_NOT_FOUND')), { type: 'PAIR_PHONE' });
  expect(flow.output()).toEqual({ outcome: 'pairPhone' });
  // The session takes over right after: a status meanwhile.
  expect(view().screen).toBe(SCREEN.status);
}

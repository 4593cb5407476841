/** The moving flow's view: every state's screen, the keypad from the secret entry, the messages. */
import { SCREEN } from '../../../app/screens/ids';
import { allTranslations } from '../../../app/i18n/i18n';
import { cardErrors, CONFIRMATION, pinStatus, platformErrors } from '../../../machines/testing/fixtures';
import { atChoice, atPassword, startMoving, typePassword } from '../machine/test-support';
import { addressChange, NEW_ADDRESS } from '../testing/moving-data';
import { retryOrLeave } from '../testing/screen-fixtures';
import movingStrings from '../strings.json';
import { movingView } from './moving-view';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('moving view', () => {
  test('consent, then the services beside the new address, up-to-date ones shown as such', async () => {
    const flow = startMoving();
    expect(movingView(flow.state())).toEqual({ screen: SCREEN.movingConsent, target: 'moving', props: {} });
    await flow.send({ type: 'CONFIRM' }, { type: 'TOGGLE', id: 'insurer' });
    expect(movingView(flow.state())).toEqual({
      screen: SCREEN.movingServices,
      target: 'moving',
      props: {
        newAddress: NEW_ADDRESS,
        nothingChosen: false,
        services: [
          expect.objectContaining({
            id: 'cable',
            chosen: true,
            upToDate: false,
            heldAddress: 'みどり市本町一丁目2番3号',
          }),
          expect.objectContaining({ id: 'insurer', chosen: false, upToDate: false }),
          expect.objectContaining({ id: 'booking', chosen: false, upToDate: true, heldAddress: NEW_ADDRESS }),
          expect.objectContaining({ id: 'energy', chosen: true, upToDate: false }),
        ],
      },
    });
  });

  test('while fetching: a status; a failed fetch: RETRY or leave', async () => {
    let answer: () => Promise<never> = () => new Promise(() => undefined);
    const flow = startMoving({ details: () => answer() });
    await flow.send({ type: 'CONFIRM' });
    expect(movingView(flow.state()).props).toEqual({
      titleKey: 'moving.title.fetching',
      bodyKey: 'moving.status.fetching',
    });
    answer = () => Promise.reject(platformErrors.unavailable());
    await flow.send({ type: 'BACK' });
    const again = await atChoice({ details: () => Promise.reject(platformErrors.unavailable()) });
    expect(movingView(again.state())).toEqual(
      retryOrLeave('moving.title.fetchFailed', 'PLATFORM_UNAVAILABLE'),
    );
  });

  test('the summary names the chosen services and the tries left', async () => {
    const flow = await atChoice({ status: () => Promise.resolve(pinStatus(4, 5)) });
    await flow.send({ type: 'NEXT' });
    expect(movingView(flow.state())).toEqual({
      screen: SCREEN.movingSummary,
      target: 'moving',
      props: {
        newAddress: NEW_ADDRESS,
        services: [
          { name: 'みどりケーブルテレビ', nameEn: 'Midori Cable TV' },
          { name: 'みどり市国民健康保険', nameEn: 'Midori City Health Insurance' },
          { name: 'みどり電力・ガス', nameEn: 'Midori Power & Gas' },
        ],
        triesLeft: 4,
        maxTries: 5,
      },
    });
  });

  test('the password on the keypad, titled for the consent, as a count; the error and the last try', async () => {
    const flow = await atPassword({
      submit: (input) =>
        input.confirmLastAttempt === CONFIRMATION
          ? new Promise(() => undefined)
          : flow.calls.submit.length === 1
            ? Promise.reject(cardErrors.pinIncorrect(2))
            : Promise.reject(cardErrors.lastAttempt()),
    });
    await flow.send({ type: 'CHAR', char: 'A' }, { type: 'CHAR', char: 'B' });
    expect(movingView(flow.state())).toEqual({
      screen: SCREEN.signPassword,
      target: 'moving',
      props: {
        titleKey: 'moving.password.title',
        length: 2,
        minLength: 6,
        maxLength: 16,
        triesLeft: 5,
        maxTries: 5,
        confirmingLastAttempt: false,
      },
    });
    await flow.send({ type: 'BACK' }, { type: 'BACK' }, ...typePassword());
    expect(movingView(flow.state()).props).toMatchObject({
      length: 0,
      triesLeft: 2,
      error: { key: 'signPasswordIncorrect', params: { triesLeft: 2 } },
    });
    await flow.send(...typePassword());
    expect(movingView(flow.state()).props).toMatchObject({ confirmingLastAttempt: true, triesLeft: 1 });
    await flow.send({ type: 'CONFIRM' });
    expect(movingView(flow.state()).props).toEqual({ titleKey: 'login.checking', bodyKey: 'common.working' });
  });

  test('locked, card removed, a refused signature and a send that failed each say so with a way on', async () => {
    const locked = await atChoice({ status: () => Promise.resolve(pinStatus(0, 5)) });
    await locked.send({ type: 'NEXT' });
    expect(movingView(locked.state())).toMatchObject({
      screen: SCREEN.message,
      props: { titleKey: 'registration.title.passwordLocked', body: { key: 'signPasswordLocked' } },
    });
    const removed = await atPassword({ submit: () => Promise.reject(cardErrors.cardRemoved()) });
    await removed.send(...typePassword());
    expect(movingView(removed.state())).toEqual(retryOrLeave('moving.title.signFailed', 'cardRemoved'));
    const refused = await atPassword({ create: () => Promise.reject(platformErrors.certificateRevoked()) });
    await refused.send(...typePassword());
    expect(movingView(refused.state())).toEqual(retryOrLeave('moving.title.rejected', 'CERTIFICATE_REVOKED'));
    const down = await atPassword({ create: () => Promise.reject(platformErrors.network()) });
    await down.send(...typePassword());
    expect(movingView(down.state())).toEqual(retryOrLeave('moving.title.sendFailed', 'addressChangeNotSent'));
    await down.send({ type: 'BACK' });
    expect(movingView(down.state()).screen).toBe(SCREEN.status);
  });

  test('each service’s status while polling and when final, with the reason for 要対応', async () => {
    const flow = await atPassword({
      create: () =>
        Promise.resolve(addressChange({ cable: 'accepted', insurer: 'sending', energy: 'sending' })),
      load: () =>
        Promise.resolve(
          addressChange({ cable: 'completed', insurer: 'completed', energy: 'actionRequired' }),
        ),
    });
    await flow.send(...typePassword());
    expect(movingView(flow.state())).toMatchObject({
      screen: SCREEN.movingStatus,
      props: {
        final: false,
        deliveries: [{ status: 'accepted' }, { status: 'sending' }, { status: 'sending' }],
      },
    });
    await jest.advanceTimersByTimeAsync(1000);
    const { props } = movingView(flow.state()) as { props: { final: boolean; deliveries: unknown[] } };
    expect(props.final).toBe(true);
    expect(props.deliveries[2]).toEqual({
      serviceId: 'energy',
      name: 'みどり電力・ガス',
      nameEn: 'Midori Power & Gas',
      status: 'actionRequired',
      reason: {
        ja: 'お客さま番号の確認が必要です。みどり電力・ガス（0120-111-222）へお電話ください。',
        en: 'Your customer number needs checking. Please call Midori Power & Gas (0120-111-222).',
      },
    });
  });

  test('every key the views and screens use is in both languages', () => {
    const ja = Object.keys(movingStrings.ja).sort();
    expect(Object.keys(movingStrings.en).sort()).toEqual(ja);
    for (const language of ['ja', 'en'] as const) {
      expect(allTranslations()[language]['msg.addressChangeNotSent']).toBeTruthy();
    }
  });
});

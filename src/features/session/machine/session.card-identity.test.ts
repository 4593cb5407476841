/**
 * The card's identity and the bridge's new states, as the session reads them: a card still being
 * classified, the reader service away, and another card (a new cardId) during login, registration
 * or a logged-in session. Fake bridge watcher and child flows.
 */
import { messageFor } from '../../../machines/messages';
import { settle } from '../../../machines/testing/fake-actors';
import { CARD_ID, OTHER_CARD_ID, done, signedIn } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes, type PathRun } from '../../../machines/testing/model';
import type { sessionMachine } from './session.machine';
import { sessionSpec } from './session.test-model';

type Run = PathRun<typeof sessionMachine>;

const state = (run: Run) => run.actor.getSnapshot();
const status = (run: Run, presence: string, cardId?: string) =>
  run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence, ...(cardId ? { cardId } : {}) });

async function started(): Promise<Run> {
  const run = startWithFakes(sessionSpec);
  await settle();
  return run;
}

async function inLogin(): Promise<Run> {
  const run = await started();
  status(run, 'present', CARD_ID);
  await settle();
  expect(state(run).value).toEqual({ authenticating: 'login' });
  return run;
}

describe('the bridge says more than present or absent', () => {
  test("a card being classified ('checking') waits, with no login, until it is known", async () => {
    const run = await started();
    status(run, 'checking');
    expect(state(run).value).toBe('checkingCard');
    expect(run.fakes.inputsOf('login')).toEqual([]);
    status(run, 'present', CARD_ID);
    expect(state(run).value).toEqual({ authenticating: 'login' });
  });

  test('the reader service away is its own state, until the bridge reports readers again', async () => {
    const run = await started();
    status(run, 'serviceUnavailable');
    expect(state(run).value).toBe('readerUnavailable');
    status(run, 'absent');
    expect(state(run).value).toBe('waitingForCard');
    expect(messageFor('readerServiceUnavailable')).toEqual({
      ja: 'カード読み取り機が準備中です。しばらくお待ちください。直らないときは、受信機の電源を入れ直してください。',
      en: 'The card reader is starting up. Please wait. If this continues, restart the set-top box.',
    });
  });
});

describe('the card a flow is for', () => {
  test("login is started for the status's card, and a repeated status of that card changes nothing", async () => {
    const run = await inLogin();
    await settle();
    expect(run.fakes.inputsOf('login')).toEqual([{ cardId: CARD_ID }]);
    status(run, 'present', CARD_ID);
    expect(state(run).value).toEqual({ authenticating: 'login' });
  });

  test('another cardId during login ends it: back to the start, saying the card was changed', async () => {
    const run = await inLogin();
    status(run, 'present', OTHER_CARD_ID);
    expect(state(run).value).toBe('cardIdle');
    expect(state(run).context.logoutReason).toBe('cardChanged');
    expect(state(run).children.login).toBeUndefined();
    expect(messageFor('cardChanged')).toEqual({
      ja: 'カードが入れ替わりました。はじめからやり直します。暗証番号は送っていません。',
      en: 'The card was changed. Starting again — your PIN was not sent.',
    });
    // OK starts the new card's login, for its own identity.
    run.actor.send({ type: 'OK' });
    await settle();
    expect(state(run).value).toEqual({ authenticating: 'login' });
    expect(state(run).context.logoutReason).toBeUndefined();
    expect(run.fakes.inputsOf('login')).toEqual([{ cardId: CARD_ID }, { cardId: OTHER_CARD_ID }]);
  });

  test('login ending with cardChanged (the bridge refused a call) leads to the same start', async () => {
    const run = await inLogin();
    await dispatch(run as never, done('login', { outcome: 'cardChanged' }));
    expect(state(run).value).toBe('cardIdle');
    expect(state(run).context.logoutReason).toBe('cardChanged');
  });

  test('registration is for the same card, and another cardId ends it too', async () => {
    const run = await inLogin();
    await dispatch(run as never, done('login', { outcome: 'registrationRequired' }));
    expect(state(run).value).toEqual({ authenticating: 'registration' });
    expect(run.fakes.inputsOf('registration')).toEqual([{ cardId: CARD_ID }]);
    await dispatch(run as never, done('registration', { outcome: 'cardChanged' }));
    expect(state(run).value).toBe('cardIdle');
    expect(state(run).context.logoutReason).toBe('cardChanged');
  });

  test('a card going to checking during login is a removal (the flow ends, no PIN kept)', async () => {
    const run = await inLogin();
    status(run, 'checking');
    expect(state(run).value).toBe('checkingCard');
    expect(state(run).context.logoutReason).toBe('cardRemoved');
  });

  test('logged in, another cardId logs out as a removal would, however fast the swap', async () => {
    const run = await inLogin();
    await dispatch(run as never, done('login', { outcome: 'signedIn', signedIn: signedIn() }));
    expect(state(run).matches('loggedIn')).toBe(true);
    status(run, 'present', CARD_ID);
    expect(state(run).matches('loggedIn')).toBe(true);
    status(run, 'present', OTHER_CARD_ID);
    expect(state(run).value).toBe('loggingOut');
    expect(state(run).context).toMatchObject({ logoutReason: 'loggedOutCardRemoved', profile: undefined });
  });
});

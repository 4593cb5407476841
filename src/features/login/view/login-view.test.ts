/** The login view for every state of the real login machine (fake card and platform). */
import * as fake from '../../../machines/testing/fixtures';
import type { PathRun } from '../../../machines/testing/model';
import { digits, reachAfter, send, startFlow } from '../../../machines/testing/flow-run';
import { loginMachine } from '../machine/login.machine';
import { cardRead, loginSpec } from '../machine/login.test-model';
import { allTranslations } from '../../../app/i18n/i18n';
import type { PinEntryProps } from '../../secret-entry/props';
import { loginView } from './login-view';
import type { StatusProps } from '../../../app/view/app-view';
import { SCREEN } from '../../../app/screens/ids';
import { expectEveryStateViewed } from '../../secret-entry/testing/every-state-view';
import {
  deadEndScreen,
  failing,
  itShowsDeadEnds,
  itShowsWaysBack,
} from '../../secret-entry/testing/flow-errors';

type Run = PathRun<typeof loginMachine>;

const view = (run: Run) => loginView(run.actor.getSnapshot());
const login = { view, target: 'login' } as const;
const props = <P>(run: Run) => view(run).props as P;

async function start(tries = 3): Promise<Run> {
  const run = await startFlow(loginSpec);
  await send(run, ...cardRead(tries));
  return run;
}

async function atChallenge(tries = 3): Promise<Run> {
  const run = await start(tries);
  await send(run, ...digits('9753'), { type: 'OK' });
  return run;
}

const atSigning = reachAfter(() => atChallenge(), fake.done('requestChallenge', 'Q0hBTExFTkdF'));
/** Signed: the platform checks the login. */
const atChecking = reachAfter(atSigning, fake.done('signChallenge', 'U0lH'));

describe('login view: PIN entry', () => {
  test('before the card answers: the PIN screen, no tries yet', async () => {
    const run = await startFlow(loginSpec);
    expect(view(run)).toEqual({
      screen: SCREEN.pinEntry,
      target: 'login',
      props: { purpose: 'login', digits: 0, maxDigits: 4, confirmingLastAttempt: false, waiting: false },
    });
  });

  test('typing: the count of digits, never the digits, and the tries left', async () => {
    const run = await start();
    await send(run, ...digits('975'));
    const shown = props<PinEntryProps>(run);
    expect(shown).toEqual({
      purpose: 'login',
      digits: 3,
      maxDigits: 4,
      triesLeft: 3,
      maxTries: 3,
      confirmingLastAttempt: false,
      waiting: false,
    });
    expect(JSON.stringify(view(run))).not.toMatch(/975/);
  });

  test('OK before the card answered: waiting on the same screen', async () => {
    const run = await startFlow(loginSpec);
    await send(run, ...digits('9753'), { type: 'OK' });
    expect(run.actor.getSnapshot().matches({ active: 'submitted' })).toBe(true);
    expect(props<PinEntryProps>(run)).toMatchObject({ digits: 4, waiting: true });
  });

  test('a wrong PIN: back to typing with the error and the tries left', async () => {
    const run = await atSigning();
    await send(run, fake.fail('signChallenge', fake.cardErrors.pinIncorrect(2)));
    expect(props<PinEntryProps>(run)).toEqual({
      purpose: 'login',
      digits: 0,
      maxDigits: 4,
      triesLeft: 2,
      maxTries: 3,
      error: { key: 'pinIncorrect', params: { triesLeft: 2 } },
      confirmingLastAttempt: false,
      waiting: false,
    });
    // The error goes as the viewer types again.
    await send(run, ...digits('1'));
    expect(props<PinEntryProps>(run).error).toBeUndefined();
  });

  test('one try left: OK waits on the PIN screen while the bridge is asked, then the warning', async () => {
    const run = await start(1);
    await send(run, ...digits('9753'), { type: 'OK' });
    // No challenge prefetched: fetched first, the PIN screen "checking…" all along.
    expect(run.actor.getSnapshot().value).toBe('challenging');
    expect(props<PinEntryProps>(run)).toMatchObject({
      confirmingLastAttempt: false,
      waiting: true,
      digits: 4,
    });
    await send(run, fake.done('requestChallenge', 'Q0g='));
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(props<PinEntryProps>(run)).toMatchObject({
      confirmingLastAttempt: false,
      waiting: true,
      digits: 4,
    });
    await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt()));
    expect(props<PinEntryProps>(run)).toMatchObject({ confirmingLastAttempt: true, triesLeft: 1, digits: 4 });
    // The panel is the message: no error line under it; and the value is not in the view.
    expect(props<PinEntryProps>(run).error).toBeUndefined();
    expect(JSON.stringify(view(run))).not.toContain(fake.CONFIRMATION);
    await send(run, { type: 'BACK' });
    expect(props<PinEntryProps>(run)).toMatchObject({ confirmingLastAttempt: false, digits: 0 });
  });

  test('CONFIRM: the real check shows the status screen', async () => {
    const run = await start(1);
    await send(run, ...digits('9753'), { type: 'OK' }, fake.done('requestChallenge', 'Q0g='));
    await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt()), { type: 'CONFIRM' });
    expect(view(run).screen).toBe(SCREEN.status);
    await send(run, fake.done('requestChallenge', 'Q0gy'));
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(view(run).screen).toBe(SCREEN.status);
  });

  test('the bridge says one try left when the app thought more: the warning too', async () => {
    const run = await atSigning();
    expect(view(run).screen).toBe(SCREEN.status);
    await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt()));
    expect(props<PinEntryProps>(run)).toMatchObject({ triesLeft: 1, confirmingLastAttempt: true, digits: 4 });
  });

  test('the challenge ran out: type the PIN again, with the reason', async () => {
    const run = await atSigning();
    await send(
      run,
      fake.done('signChallenge', 'U0lH'),
      fake.fail('loginWithSignature', fake.platformErrors.challengeExpired()),
    );
    expect(props<PinEntryProps>(run)).toMatchObject({ digits: 0, error: { key: 'CHALLENGE_EXPIRED' } });
  });
});

describe('login view: in progress and done', () => {
  test('challenging, signing, verifying: "checking, leave the card in"', async () => {
    const run = await atChallenge();
    const checking: StatusProps = { titleKey: 'login.checking', bodyKey: 'common.working' };
    expect(view(run)).toEqual({ screen: SCREEN.status, target: 'login', props: checking });
    await send(run, fake.done('requestChallenge', 'Q0hBTExFTkdF'));
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(view(run).props).toEqual(checking);
    await send(run, fake.done('signChallenge', 'U0lH'));
    expect(run.actor.getSnapshot().value).toBe('verifying');
    expect(view(run).props).toEqual(checking);
  });

  test.each([
    ['signedIn', fake.done('loginWithSignature', fake.signedIn()), 'login.signedIn'],
    [
      'registrationRequired',
      fake.fail('loginWithSignature', fake.platformErrors.registrationRequired()),
      'login.toRegistration',
    ],
  ])('%s: a brief status', async (state, event, titleKey) => {
    const run = await atSigning();
    await send(run, fake.done('signChallenge', 'U0lH'), event);
    expect(run.actor.getSnapshot().value).toBe(state);
    expect(view(run)).toMatchObject({ screen: SCREEN.status, props: { titleKey } });
  });

  test('cancelled (BACK on an empty PIN): a brief status', async () => {
    const run = await start();
    await send(run, { type: 'BACK' });
    expect(run.actor.getSnapshot().value).toBe('cancelled');
    expect(view(run)).toMatchObject({ screen: SCREEN.status, props: { titleKey: 'login.cancelled' } });
  });
});

describe('login view: errors', () => {
  const card = failing(atSigning, 'signChallenge');
  /** The platform's refusal of the signed login, by its name in the fixtures. */
  const platform = (refusal: keyof typeof fake.platformErrors) =>
    failing(atChecking, 'loginWithSignature')(fake.platformErrors[refusal]());

  test('locked (the card said so before any try): what to do, and the phone', async () => {
    const run = await startFlow(loginSpec);
    await send(run, fake.done('readPinStatus', fake.pinStatus(0)));
    expect(run.actor.getSnapshot().value).toBe('locked');
    expect(view(run)).toEqual(deadEndScreen('login', 'login.title.locked', 'pinLocked'));
  });

  test('locked by the last wrong try', async () => {
    const run = await atSigning();
    await send(run, fake.fail('signChallenge', fake.cardErrors.pinIncorrect(0)));
    expect(view(run)).toEqual(deadEndScreen('login', 'login.title.locked', 'pinLocked'));
  });

  itShowsDeadEnds(login, {
    notMyNumberCard: ['common.title.card', 'notMyNumberCard', card(fake.cardErrors.notMyNumberCard())],
    certificateExpired: ['login.title.certificate', 'CERTIFICATE_EXPIRED', platform('certificateExpired')],
    certificateRevoked: ['login.title.certificate', 'CERTIFICATE_REVOKED', platform('certificateRevoked')],
  });

  // RETRY: the PIN again, without the old reason on it.
  itShowsWaysBack(
    login,
    {
      bridgeDown: ['common.title.connection', 'bridgeLost', card(fake.cardErrors.bridgeDown())],
      cardError: ['common.title.card', 'cardError', card(fake.cardErrors.cardError())],
      platformDown: ['common.title.connection', 'PLATFORM_UNAVAILABLE', platform('unavailable')],
      rejected: ['common.title.error', 'SIGNATURE_INVALID', platform('signatureInvalid')],
    },
    (run) => {
      expect(view(run)).toMatchObject({ screen: SCREEN.pinEntry, props: { digits: 0 } });
      expect((view(run).props as PinEntryProps).error).toBeUndefined();
    },
  );
});

test('every state of the login machine has its own view', () => {
  expectEveryStateViewed(loginSpec, loginView, allTranslations().ja, 18);
});

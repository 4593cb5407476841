/** The registration view for every state of the real registration machine (fake card and platform). */
import * as fake from '../../../machines/testing/fixtures';
import type { PathRun } from '../../../machines/testing/model';
import { chars, digits, reachAfter, send, startFlow } from '../../../machines/testing/flow-run';
import { registrationMachine } from '../machine/registration.machine';
import { registrationSpec } from '../machine/registration.test-model';
import type { StatusProps } from '../../../app/view/app-view';
import type { PinEntryProps, SignPasswordProps } from '../../secret-entry/props';
import { allTranslations } from '../../../app/i18n/i18n';
import registration from '../strings.json';
import { registrationView, type CustomerNumberProps } from './registration-view';
import { SCREEN } from '../../../app/screens/ids';
import { expectEveryStateViewed } from '../../secret-entry/testing/every-state-view';
import { failing, itShowsDeadEnds, itShowsWaysBack } from '../../secret-entry/testing/flow-errors';
import { pinEntryTyping, signPasswordTyping } from '../../secret-entry/testing/keypad-props';

type Run = PathRun<typeof registrationMachine>;

const view = (run: Run) => registrationView(run.actor.getSnapshot());
const registering = { view, target: 'registration' } as const;
const props = <P>(run: Run) => view(run).props as P;
const state = (run: Run) => run.actor.getSnapshot().value;

async function start(pinTries = 3, passwordTries = 5): Promise<Run> {
  const run = await startFlow(registrationSpec);
  await send(
    run,
    fake.done('readAuthCertificate', 'Q0VSVA=='),
    fake.done('readPinStatus', fake.pinStatus(pinTries)),
    fake.done('readPasswordStatus', fake.pinStatus(passwordTries, 5)),
  );
  return run;
}

async function atPassword(run?: Run): Promise<Run> {
  const started = run ?? (await start());
  await send(started, ...digits('10010099'), { type: 'OK' });
  return started;
}

async function atPin(run?: Run): Promise<Run> {
  const started = await atPassword(run);
  await send(started, ...chars('ABC123'), { type: 'OK' });
  return started;
}

const atSigningWithPassword = reachAfter(
  () => atPin(),
  ...digits('9753'),
  { type: 'OK' },
  fake.done('requestChallenge', 'Q0hBTA=='),
);
const atSigningWithPin = reachAfter(
  atSigningWithPassword,
  fake.done('signWithPassword', { signCertificate: 'U0lHTkNFUlQ=', signature: 'UFdTSUc=' }),
);
const atRegistering = reachAfter(atSigningWithPin, fake.done('signChallenge', 'QVVUSFNJRw=='));

describe('registration view: entry', () => {
  test('customer number: shown as typed, with its limits', async () => {
    const run = await start();
    await send(run, ...digits('1001'));
    expect(view(run)).toEqual({
      screen: SCREEN.customerNumber,
      target: 'registration',
      props: { digits: '1001', min: 6, max: 12 } satisfies CustomerNumberProps,
    });
  });

  test('password: a count only (never the characters), with the tries left', async () => {
    const run = await atPassword();
    await send(run, ...chars('ABC'));
    expect(view(run)).toEqual({
      screen: SCREEN.signPassword,
      target: 'registration',
      props: signPasswordTyping(),
    });
    expect(JSON.stringify(view(run))).not.toMatch(/ABC/);
  });

  test('PIN: the PIN screen for registration', async () => {
    const run = await atPin();
    await send(run, ...digits('97'));
    expect(view(run)).toEqual({
      screen: SCREEN.pinEntry,
      target: 'registration',
      props: pinEntryTyping({ purpose: 'registration' }),
    });
  });

  test('OK before the card answered: the PIN screen waits', async () => {
    const run = await startFlow(registrationSpec);
    await atPin(run);
    await send(run, ...digits('9753'), { type: 'OK' });
    expect(state(run)).toEqual({ entering: 'submitted' });
    expect(props<PinEntryProps>(run)).toMatchObject({ digits: 4, waiting: true });
  });

  test('one password try left: sent without a confirmation; the refusal asks to confirm; BACK types it again', async () => {
    const run = await atPin(await start(3, 1));
    await send(run, ...digits('9753'), { type: 'OK' }, fake.done('requestChallenge', 'UkVH'));
    expect(state(run)).toBe('signingWithPassword');
    await send(run, fake.fail('signWithPassword', fake.cardErrors.lastAttempt()));
    expect(state(run)).toEqual({ entering: 'confirmingPassword' });
    expect(view(run)).toMatchObject({
      screen: SCREEN.signPassword,
      props: { confirmingLastAttempt: true, triesLeft: 1, length: 6 },
    });
    expect(JSON.stringify(view(run))).not.toContain(fake.CONFIRMATION);
    await send(run, { type: 'BACK' });
    expect(view(run)).toMatchObject({
      screen: SCREEN.signPassword,
      props: { confirmingLastAttempt: false, length: 0 },
    });
  });

  test('one PIN try left: the refusal asks to confirm on the PIN screen; CONFIRM goes on', async () => {
    const run = await atSigningWithPin();
    await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt()));
    expect(state(run)).toEqual({ entering: 'confirmingPin' });
    expect(view(run)).toMatchObject({
      screen: SCREEN.pinEntry,
      props: { confirmingLastAttempt: true, triesLeft: 1, digits: 4 },
    });
    expect(props<PinEntryProps>(run).error).toBeUndefined();
    await send(run, { type: 'CONFIRM' });
    expect(view(run).screen).toBe(SCREEN.status);
  });

  test('a wrong password: the password again, with the error and tries left', async () => {
    const run = await atSigningWithPassword();
    await send(run, fake.fail('signWithPassword', fake.cardErrors.pinIncorrect(4)));
    expect(props<SignPasswordProps>(run)).toMatchObject({
      length: 0,
      triesLeft: 4,
      error: { key: 'signPasswordIncorrect', params: { triesLeft: 4 } },
    });
  });

  test('a wrong PIN: the PIN again, with the error and tries left', async () => {
    const run = await atSigningWithPin();
    await send(run, fake.fail('signChallenge', fake.cardErrors.pinIncorrect(2)));
    expect(props<PinEntryProps>(run)).toMatchObject({
      digits: 0,
      triesLeft: 2,
      error: { key: 'pinIncorrect', params: { triesLeft: 2 } },
    });
    // Back to the password: the PIN's error is not the password's.
    await send(run, { type: 'BACK' });
    expect(view(run).screen).toBe(SCREEN.signPassword);
    expect(props<SignPasswordProps>(run).error).toBeUndefined();
  });

  test('an unknown customer number: the number again, with the reason; not on the next screen', async () => {
    const run = await atRegistering();
    await send(run, fake.fail('register', fake.platformErrors.customerNotFound()));
    expect(view(run)).toEqual({
      screen: SCREEN.customerNumber,
      target: 'registration',
      props: { digits: '10010099', min: 6, max: 12, error: { key: 'CUSTOMER_NOT_FOUND' } },
    });
    await send(run, { type: 'OK' });
    expect(view(run).screen).toBe(SCREEN.signPassword);
    expect(props<SignPasswordProps>(run).error).toBeUndefined();
  });

  test('the challenge ran out: the password again, with the reason', async () => {
    const run = await atSigningWithPin();
    await send(
      run,
      fake.done('signChallenge', 'QVVUSFNJRw=='),
      fake.fail('register', fake.platformErrors.challengeExpired()),
    );
    expect(view(run)).toMatchObject({
      screen: SCREEN.signPassword,
      props: { error: { key: 'registrationChallengeExpired' } },
    });
  });
});

describe('registration view: in progress and done', () => {
  test('challenging, signing (both), registering: a status', async () => {
    const run = await atPin();
    await send(run, ...digits('9753'), { type: 'OK' });
    expect(state(run)).toBe('challenging');
    expect(view(run)).toEqual({
      screen: SCREEN.status,
      target: 'registration',
      props: { titleKey: 'login.checking', bodyKey: 'common.working' } satisfies StatusProps,
    });
    await send(run, fake.done('requestChallenge', 'Q0hBTA=='));
    expect(state(run)).toBe('signingWithPassword');
    expect(view(run).screen).toBe(SCREEN.status);
    await send(
      run,
      fake.done('signWithPassword', { signCertificate: 'U0lHTkNFUlQ=', signature: 'UFdTSUc=' }),
    );
    expect(state(run)).toBe('signingWithPin');
    expect(view(run).screen).toBe(SCREEN.status);
    await send(run, fake.done('signChallenge', 'QVVUSFNJRw=='));
    expect(state(run)).toBe('registering');
    expect(view(run).props).toEqual({ titleKey: 'registration.registering', bodyKey: 'common.working' });
  });

  test('registered and cancelled: a brief status', async () => {
    const run = await atRegistering();
    await send(run, fake.done('register', fake.signedIn()));
    expect(view(run)).toMatchObject({
      screen: SCREEN.status,
      props: { titleKey: 'registration.registered' },
    });
    const stopped = await start();
    await send(stopped, { type: 'BACK' });
    expect(view(stopped)).toMatchObject({
      screen: SCREEN.status,
      props: { titleKey: 'registration.cancelled' },
    });
  });
});

describe('registration view: errors', () => {
  const { cardErrors: card, platformErrors: platform } = fake;
  const pinSign = failing(atSigningWithPin, 'signChallenge');
  const passwordSign = failing(atSigningWithPassword, 'signWithPassword');
  /** The platform's refusal of the registration, by its name in the fixtures. */
  const register = (refusal: keyof typeof platform) =>
    failing(atRegistering, 'register')(platform[refusal]());

  // End state: [title, the reason's message, the failure].
  itShowsDeadEnds(registering, {
    pinLocked: ['login.title.locked', 'pinLocked', pinSign(card.pinIncorrect(0))],
    passwordLocked: [
      'registration.title.passwordLocked',
      'signPasswordLocked',
      passwordSign(card.pinLocked()),
    ],
    notMyNumberCard: ['common.title.card', 'notMyNumberCard', pinSign(card.notMyNumberCard())],
    certificateExpired: ['login.title.certificate', 'CERTIFICATE_EXPIRED', register('certificateExpired')],
    certificateRevoked: ['login.title.certificate', 'CERTIFICATE_REVOKED', register('certificateRevoked')],
    mismatch: ['registration.title.mismatch', 'REGISTRATION_MISMATCH', register('registrationMismatch')],
    alreadyLinked: [
      'registration.title.alreadyLinked',
      'CERTIFICATE_ALREADY_LINKED',
      register('alreadyLinked'),
    ],
  });

  // RETRY: from the customer number (kept), without the old reason on it.
  itShowsWaysBack(
    registering,
    {
      bridgeDown: ['common.title.connection', 'bridgeLost', pinSign(card.bridgeDown())],
      cardError: ['common.title.card', 'cardError', passwordSign(card.cardError())],
      platformDown: ['common.title.connection', 'PLATFORM_UNAVAILABLE', register('unavailable')],
      rejected: ['common.title.error', 'SIGNATURE_INVALID', register('signatureInvalid')],
    },
    (run) => {
      expect(view(run)).toEqual({
        screen: SCREEN.customerNumber,
        target: 'registration',
        props: { digits: '10010099', min: 6, max: 12 },
      });
    },
  );
});

test('every state of the registration machine has its own view', () => {
  // With the registration family's strings: the shell loads them before any registration view shows.
  expectEveryStateViewed(
    registrationSpec,
    registrationView,
    { ...allTranslations().ja, ...registration.ja },
    24,
  );
});

/** The registration view for every state of the real registration machine (fake card and platform). */
import {
  CONFIRMATION,
  cardErrors,
  done,
  fail,
  pinStatus,
  platformErrors,
  signedIn,
} from '../../../machines/testing/fixtures';
import { startWithFakes, type PathRun } from '../../../machines/testing/model';
import { chars, digits, send, startFlow } from '../../../machines/testing/flow-run';
import { registrationMachine } from '../machine/registration.machine';
import { registrationSpec } from '../machine/registration.test-model';
import type { MessageProps, StatusProps } from '../../../app/view/app-view';
import type { PinEntryProps, SignPasswordProps } from '../../secret-entry/props';
import { allTranslations } from '../../../app/i18n/i18n';
import registration from '../strings.json';
import { registrationView, type CustomerNumberProps } from './registration-view';
import { SCREEN } from '../../../app/screens/ids';

type Run = PathRun<typeof registrationMachine>;

const view = (run: Run) => registrationView(run.actor.getSnapshot());
const props = <P>(run: Run) => view(run).props as P;
const state = (run: Run) => run.actor.getSnapshot().value;

async function start(pinTries = 3, passwordTries = 5): Promise<Run> {
  const run = await startFlow(registrationSpec);
  await send(
    run,
    done('readAuthCertificate', 'Q0VSVA=='),
    done('readPinStatus', pinStatus(pinTries)),
    done('readPasswordStatus', pinStatus(passwordTries, 5)),
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

async function atSigningWithPassword(): Promise<Run> {
  const run = await atPin();
  await send(run, ...digits('9753'), { type: 'OK' }, done('requestChallenge', 'Q0hBTA=='));
  return run;
}

async function atSigningWithPin(): Promise<Run> {
  const run = await atSigningWithPassword();
  await send(run, done('signWithPassword', { signCertificate: 'U0lHTkNFUlQ=', signature: 'UFdTSUc=' }));
  return run;
}

async function atRegistering(): Promise<Run> {
  const run = await atSigningWithPin();
  await send(run, done('signChallenge', 'QVVUSFNJRw=='));
  return run;
}

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
      props: {
        length: 3,
        minLength: 6,
        maxLength: 16,
        triesLeft: 5,
        maxTries: 5,
        confirmingLastAttempt: false,
      } satisfies SignPasswordProps,
    });
    expect(JSON.stringify(view(run))).not.toMatch(/ABC/);
  });

  test('PIN: the PIN screen for registration', async () => {
    const run = await atPin();
    await send(run, ...digits('97'));
    expect(view(run)).toEqual({
      screen: SCREEN.pinEntry,
      target: 'registration',
      props: {
        purpose: 'registration',
        digits: 2,
        maxDigits: 4,
        triesLeft: 3,
        maxTries: 3,
        confirmingLastAttempt: false,
        waiting: false,
      } satisfies PinEntryProps,
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
    await send(run, ...digits('9753'), { type: 'OK' }, done('requestChallenge', 'UkVH'));
    expect(state(run)).toBe('signingWithPassword');
    await send(run, fail('signWithPassword', cardErrors.lastAttempt()));
    expect(state(run)).toEqual({ entering: 'confirmingPassword' });
    expect(view(run)).toMatchObject({
      screen: SCREEN.signPassword,
      props: { confirmingLastAttempt: true, triesLeft: 1, length: 6 },
    });
    expect(JSON.stringify(view(run))).not.toContain(CONFIRMATION);
    await send(run, { type: 'BACK' });
    expect(view(run)).toMatchObject({
      screen: SCREEN.signPassword,
      props: { confirmingLastAttempt: false, length: 0 },
    });
  });

  test('one PIN try left: the refusal asks to confirm on the PIN screen; CONFIRM goes on', async () => {
    const run = await atSigningWithPin();
    await send(run, fail('signChallenge', cardErrors.lastAttempt()));
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
    await send(run, fail('signWithPassword', cardErrors.pinIncorrect(4)));
    expect(props<SignPasswordProps>(run)).toMatchObject({
      length: 0,
      triesLeft: 4,
      error: { key: 'signPasswordIncorrect', params: { triesLeft: 4 } },
    });
  });

  test('a wrong PIN: the PIN again, with the error and tries left', async () => {
    const run = await atSigningWithPin();
    await send(run, fail('signChallenge', cardErrors.pinIncorrect(2)));
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
    await send(run, fail('register', platformErrors.customerNotFound()));
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
      done('signChallenge', 'QVVUSFNJRw=='),
      fail('register', platformErrors.challengeExpired()),
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
    await send(run, done('requestChallenge', 'Q0hBTA=='));
    expect(state(run)).toBe('signingWithPassword');
    expect(view(run).screen).toBe(SCREEN.status);
    await send(run, done('signWithPassword', { signCertificate: 'U0lHTkNFUlQ=', signature: 'UFdTSUc=' }));
    expect(state(run)).toBe('signingWithPin');
    expect(view(run).screen).toBe(SCREEN.status);
    await send(run, done('signChallenge', 'QVVUSFNJRw=='));
    expect(state(run)).toBe('registering');
    expect(view(run).props).toEqual({ titleKey: 'registration.registering', bodyKey: 'common.working' });
  });

  test('registered and cancelled: a brief status', async () => {
    const run = await atRegistering();
    await send(run, done('register', signedIn()));
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
  const understood = [{ labelKey: 'login.understood', event: { type: 'OK' } }];
  const retryOrStop = [
    { labelKey: 'common.retry', event: { type: 'RETRY' } },
    { labelKey: 'common.cancel', event: { type: 'CANCEL' } },
  ];

  test.each([
    [
      'pinLocked',
      'login.title.locked',
      'pinLocked',
      atSigningWithPin,
      fail('signChallenge', cardErrors.pinIncorrect(0)),
    ],
    [
      'passwordLocked',
      'registration.title.passwordLocked',
      'signPasswordLocked',
      atSigningWithPassword,
      fail('signWithPassword', cardErrors.pinLocked()),
    ],
    [
      'notMyNumberCard',
      'common.title.card',
      'notMyNumberCard',
      atSigningWithPin,
      fail('signChallenge', cardErrors.notMyNumberCard()),
    ],
    [
      'certificateExpired',
      'login.title.certificate',
      'CERTIFICATE_EXPIRED',
      atRegistering,
      fail('register', platformErrors.certificateExpired()),
    ],
    [
      'certificateRevoked',
      'login.title.certificate',
      'CERTIFICATE_REVOKED',
      atRegistering,
      fail('register', platformErrors.certificateRevoked()),
    ],
    [
      'mismatch',
      'registration.title.mismatch',
      'REGISTRATION_MISMATCH',
      atRegistering,
      fail('register', platformErrors.registrationMismatch()),
    ],
    [
      'alreadyLinked',
      'registration.title.alreadyLinked',
      'CERTIFICATE_ALREADY_LINKED',
      atRegistering,
      fail('register', platformErrors.alreadyLinked()),
    ],
  ])('dead end %s: the reason, one OK, the phone', async (end, titleKey, key, reach, event) => {
    const run = await reach();
    await send(run, event);
    expect(state(run)).toBe(end);
    expect(view(run)).toEqual({
      screen: SCREEN.message,
      target: 'registration',
      props: { tone: 'error', titleKey, body: { key }, actions: understood, contact: true },
    });
    await send(run, { type: 'OK' });
    expect(state(run)).toBe('cancelled');
  });

  test.each([
    [
      'bridgeDown',
      'common.title.connection',
      'bridgeLost',
      atSigningWithPin,
      fail('signChallenge', cardErrors.bridgeDown()),
    ],
    [
      'cardError',
      'common.title.card',
      'cardError',
      atSigningWithPassword,
      fail('signWithPassword', cardErrors.cardError()),
    ],
    [
      'platformDown',
      'common.title.connection',
      'PLATFORM_UNAVAILABLE',
      atRegistering,
      fail('register', platformErrors.unavailable()),
    ],
    [
      'rejected',
      'common.title.error',
      'SIGNATURE_INVALID',
      atRegistering,
      fail('register', platformErrors.signatureInvalid()),
    ],
  ])('retryable %s: RETRY first, then CANCEL', async (end, titleKey, key, reach, event) => {
    const run = await reach();
    await send(run, event);
    expect(state(run)).toBe(end);
    expect(view(run)).toEqual({
      screen: SCREEN.message,
      target: 'registration',
      props: { tone: 'error', titleKey, body: { key }, actions: retryOrStop, contact: true },
    });
    // RETRY: from the customer number (kept), without the old reason on it.
    await send(run, { type: 'RETRY' });
    expect(view(run)).toEqual({
      screen: SCREEN.customerNumber,
      target: 'registration',
      props: { digits: '10010099', min: 6, max: 12 },
    });
  });
});

test('every state of the registration machine has its own view', () => {
  // With the registration family's strings: the shell loads them before any registration view shows.
  const japanese = { ...allTranslations().ja, ...registration.ja };
  const { context } = startWithFakes(registrationSpec).actor.getSnapshot();
  const values = Object.entries(registrationMachine.root.states).flatMap(([key, node]): unknown[] =>
    Object.keys(node.states).length ? Object.keys(node.states).map((child) => ({ [key]: child })) : [key],
  );
  expect(values.length).toBe(24);
  for (const value of values) {
    const shown = registrationView({ value, context } as never);
    expect([value, (shown.props as StatusProps).titleKey]).not.toEqual([value, 'common.pleaseWait']);
    // Every translation key the view names exists (Japanese is the reference; the i18n test holds parity).
    const props = shown.props as Partial<StatusProps & MessageProps>;
    const keys = [props.titleKey, props.bodyKey, ...(props.actions ?? []).map((action) => action.labelKey)];
    for (const key of keys.filter(Boolean)) expect([key, key! in japanese]).toEqual([key, true]);
  }
});

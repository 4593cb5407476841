/** Registration rules and each error branch, one by one, with fake card and platform. */
import { messageFor } from '../../../machines/messages';
import type { Secret } from '../../../machines/secret';
import {
  cardErrors,
  done,
  fail,
  pinStatus,
  platformErrors,
  signedIn,
} from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { registrationSpec } from './registration.test-model';

type Event = { type: string; [key: string]: unknown };
const digits = (value: string) => [...value].map((digit) => ({ type: 'DIGIT', digit }));
const chars = (value: string) => [...value].map((char) => ({ type: 'CHAR', char }));
const signOutput = { signCertificate: 'U0lHTkNFUlQ=', signature: 'U1NJRw==' };

async function start(pinTries = 3, passwordTries = 5) {
  const run = startWithFakes(registrationSpec);
  const send = async (...events: Event[]) => {
    for (const event of events) await dispatch(run as never, event);
  };
  await send(
    done('readAuthCertificate', 'QVVUSA=='),
    done('readPinStatus', pinStatus(pinTries)),
    done('readPasswordStatus', pinStatus(passwordTries, 5)),
  );
  const state = () => run.actor.getSnapshot();
  const expectError = (key: string) => {
    expect(state().context.error?.messageKey).toBe(key);
    expect(messageFor(state().context.error!.messageKey).ja.length).toBeGreaterThan(5);
    expect(messageFor(state().context.error!.messageKey).en.length).toBeGreaterThan(5);
  };
  return { run, send, state, expectError };
}

async function typedAll(pinTries = 3, passwordTries = 5) {
  const flow = await start(pinTries, passwordTries);
  await flow.send(
    ...digits('10010099'),
    { type: 'OK' },
    ...chars('ABC123'),
    { type: 'OK' },
    ...digits('9753'),
    {
      type: 'OK',
    },
  );
  return flow;
}

async function atRegister() {
  const flow = await typedAll();
  await flow.send(
    done('requestChallenge', 'UkVH'),
    done('signWithPassword', signOutput),
    done('signChallenge', 'QVNJRw=='),
  );
  return flow;
}

const revealed = (inputs: unknown[], field: 'pin' | 'password') =>
  inputs.map((input) => (input as Record<string, Secret>)[field]!.reveal());

describe('entry', () => {
  test('customer number digits only; password A–Z 0–9, 6 to 16; PIN 4 digits', async () => {
    const { send, state } = await start();
    await send(...digits('12345'), { type: 'OK' });
    expect(state().value).toEqual({ entering: 'customerNumber' });
    await send(...digits('6'), { type: 'OK' }, ...chars('abC1é'), { type: 'OK' });
    expect(state().context.password).toBe('C1');
    await send(...chars('X'.repeat(20)));
    expect(state().context.password).toHaveLength(16);
  });

  test('the password then the PIN are each handed over once and cleared', async () => {
    const { run, send, state } = await typedAll();
    expect(run.fakes.inputsOf('requestChallenge')).toEqual([{ purpose: 'registration' }]);
    await send(done('requestChallenge', 'UkVH'));
    expect(revealed(run.fakes.inputsOf('signWithPassword'), 'password')).toEqual(['ABC123']);
    expect(state().context.password).toBe('');
    expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('ABC123');
    await send(done('signWithPassword', signOutput));
    expect(revealed(run.fakes.inputsOf('signChallenge'), 'pin')).toEqual(['9753']);
    expect(state().context.pin).toBe('');
    await send(done('signChallenge', 'QVNJRw=='));
    expect(run.fakes.inputsOf('register')).toEqual([
      {
        challenge: 'UkVH',
        customerNumber: '10010099',
        authCertificate: 'QVVUSA==',
        authSignature: 'QVNJRw==',
        signCertificate: 'U0lHTkNFUlQ=',
        signSignature: 'U1NJRw==',
      },
    ]);
    await send(done('register', signedIn()));
    expect(state().output).toEqual({ outcome: 'signedIn', signedIn: signedIn() });
    expect(state().context.customerNumber).toBe('');
  });
});

describe('every error branch', () => {
  test('wrong password: back to the password with the tries left', async () => {
    const { run, send, state, expectError } = await typedAll();
    await send(done('requestChallenge', 'UkVH'), fail('signWithPassword', cardErrors.pinIncorrect(4)));
    expect(state().value).toEqual({ entering: 'password' });
    expect(state().context.passwordStatus?.triesLeft).toBe(4);
    expectError('signPasswordIncorrect');
    expect(run.fakes.inputsOf('signWithPassword')).toHaveLength(1);
  });

  test('wrong PIN: only the PIN again, with the signature of the password kept', async () => {
    const { run, send, state, expectError } = await typedAll();
    await send(done('requestChallenge', 'UkVH'), done('signWithPassword', signOutput));
    await send(fail('signChallenge', cardErrors.pinIncorrect(2)));
    expect(state().value).toEqual({ entering: 'pin' });
    expectError('pinIncorrect');
    await send(...digits('1357'), { type: 'OK' });
    expect(state().value).toBe('signingWithPin');
    expect(run.fakes.inputsOf('requestChallenge')).toHaveLength(1);
  });

  test.each([
    ['password', 'signWithPassword', 'passwordLocked', 'signPasswordLocked'],
    ['PIN', 'signChallenge', 'pinLocked', 'pinLocked'],
  ])('locked %s: a dead end that sends the viewer to the city office', async (_, actor, target, key) => {
    const { send, state, expectError } = await typedAll();
    await send(done('requestChallenge', 'UkVH'));
    if (actor === 'signChallenge') await send(done('signWithPassword', signOutput));
    await send(fail(actor, cardErrors.pinIncorrect(0)));
    expect(state().value).toBe(target);
    expectError(key);
    expect(messageFor(key as never).ja).toContain('市区町村の窓口');
  });

  test('customer number not found: fix the number, sign again', async () => {
    const { send, state, expectError } = await atRegister();
    await send(fail('register', platformErrors.customerNotFound()));
    expect(state().value).toEqual({ entering: 'customerNumber' });
    expect(state().context.customerNumber).toBe('10010099');
    expect(state().context.signed).toBeUndefined();
    expectError('CUSTOMER_NOT_FOUND');
  });

  test.each([
    ['mismatch', platformErrors.registrationMismatch(), 'REGISTRATION_MISMATCH'],
    ['alreadyLinked', platformErrors.alreadyLinked(), 'CERTIFICATE_ALREADY_LINKED'],
    ['certificateExpired', platformErrors.certificateExpired(), 'CERTIFICATE_EXPIRED'],
    ['certificateRevoked', platformErrors.certificateRevoked(), 'CERTIFICATE_REVOKED'],
    ['notMyNumberCard', platformErrors.unknownIssuer(), 'UNKNOWN_ISSUER'],
    ['platformDown', platformErrors.unavailable(), 'PLATFORM_UNAVAILABLE'],
    ['rejected', platformErrors.signatureInvalid(), 'SIGNATURE_INVALID'],
  ])('register refused → %s', async (target, error, key) => {
    const { send, state, expectError } = await atRegister();
    await send(fail('register', error));
    expect(state().value).toBe(target);
    expectError(key);
    expect(state().context.customerNumber === '' || ['platformDown', 'rejected'].includes(target)).toBe(true);
  });

  test('challenge expired: both secrets again, from the password', async () => {
    const { send, state, expectError } = await atRegister();
    await send(fail('register', platformErrors.challengeExpired()));
    expect(state().value).toEqual({ entering: 'password' });
    expectError('CHALLENGE_EXPIRED');
  });

  test.each([
    ['bridgeDown', cardErrors.bridgeDown(), 'bridgeLost'],
    ['cardError', cardErrors.cardRemoved(), 'cardRemoved'],
    ['notMyNumberCard', cardErrors.notMyNumberCard(), 'notMyNumberCard'],
  ])('card failure while signing → %s; RETRY keeps the customer number', async (target, error, key) => {
    const { send, state, expectError } = await typedAll();
    await send(done('requestChallenge', 'UkVH'), fail('signWithPassword', error));
    expect(state().value).toBe(target);
    expectError(key);
    if (target !== 'notMyNumberCard') {
      await send({ type: 'RETRY' });
      expect(state().value).toEqual({ entering: 'customerNumber' });
      expect(state().context.customerNumber).toBe('10010099');
    }
  });
});

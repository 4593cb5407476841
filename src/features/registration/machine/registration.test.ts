/** Registration rules and each error branch, one by one, with fake card and platform. */
import { messageFor } from '../../../machines/messages';
import * as fake from '../../../machines/testing/fixtures';
import { chars, digits, revealedInputs, startFlow } from '../../../machines/testing/flow-run';
import {
  cardRead,
  everythingTyped,
  registration,
  registrationSpec,
  SIGN_OUTPUT as signOutput,
} from './registration.test-model';

async function start(pinTries = 3, passwordTries = 5) {
  const flow = await registration(...cardRead(pinTries, passwordTries));
  const state = flow.snapshot;
  const expectError = (key: string) => {
    expect(state().context.error?.messageKey).toBe(key);
    expect(messageFor(state().context.error!.messageKey).ja.length).toBeGreaterThan(5);
    expect(messageFor(state().context.error!.messageKey).en.length).toBeGreaterThan(5);
  };
  return { ...flow, run: flow, state, expectError };
}

async function typedAll() {
  const flow = await start();
  await flow.send(...everythingTyped());
  return flow;
}

async function atRegister() {
  const flow = await typedAll();
  await flow.send(
    fake.done('requestChallenge', 'UkVH'),
    fake.done('signWithPassword', signOutput),
    fake.done('signChallenge', 'QVNJRw=='),
  );
  return flow;
}

const revealed = (inputs: unknown[], field: 'pin' | 'password') =>
  revealedInputs(inputs, field).map((input) => (input as { secret: string }).secret);

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
    await send(fake.done('requestChallenge', 'UkVH'));
    expect(revealed(run.fakes.inputsOf('signWithPassword'), 'password')).toEqual(['ABC123']);
    expect(state().context.password).toBe('');
    expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('ABC123');
    await send(fake.done('signWithPassword', signOutput));
    expect(revealed(run.fakes.inputsOf('signChallenge'), 'pin')).toEqual(['9753']);
    expect(state().context.pin).toBe('');
    await send(fake.done('signChallenge', 'QVNJRw=='));
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
    await send(fake.done('register', fake.signedIn()));
    expect(state().output).toEqual({ outcome: 'signedIn', signedIn: fake.signedIn() });
    expect(state().context.customerNumber).toBe('');
  });
});

describe('while the card is read', () => {
  test('BACK takes the last digit of the customer number; on an empty one it leaves', async () => {
    const { send, state } = await start();
    await send(...digits('12'), { type: 'BACK' });
    expect(state().value).toEqual({ entering: 'customerNumber' });
    expect(state().context.customerNumber).toBe('1');
    await send({ type: 'BACK' }, { type: 'BACK' });
    expect(state().output).toEqual({ outcome: 'cancelled' });
  });

  test('OK waits until the certificate and both counts are read, then asks for the challenge', async () => {
    const flow = await registration(...everythingTyped());
    expect(flow.snapshot().matches({ entering: 'submitted' })).toBe(true);
    await flow.send(
      fake.done('readPasswordStatus', fake.pinStatus(5, 5)),
      fake.done('readPinStatus', fake.pinStatus(3)),
    );
    expect(flow.snapshot().matches({ entering: 'submitted' })).toBe(true);
    await flow.send(fake.done('readAuthCertificate', 'QVVUSA=='));
    expect(flow.snapshot().value).toBe('challenging');
  });

  test.each([
    [
      'the PIN count',
      fake.done('readPasswordStatus', fake.pinStatus(5, 5)),
      fake.done('readAuthCertificate', 'QVVUSA=='),
    ],
    [
      'the password count',
      fake.done('readPinStatus', fake.pinStatus(3)),
      fake.done('readAuthCertificate', 'QVVUSA=='),
    ],
  ])('without %s it keeps waiting', async (_, ...answers) => {
    const flow = await registration(...everythingTyped(), ...answers);
    expect(flow.snapshot().matches({ entering: 'submitted' })).toBe(true);
    expect(flow.fakes.inputsOf('requestChallenge')).toEqual([]);
  });

  test('with a bridge that gives no card identity, the card calls name no card', async () => {
    const flow = await startFlow({ ...registrationSpec, input: undefined });
    expect(flow.fakes.inputsOf('readAuthCertificate')).toEqual([{ cardId: undefined }]);
  });
});

describe('every error branch', () => {
  test('wrong password: back to the password with the tries left', async () => {
    const { run, send, state, expectError } = await typedAll();
    await send(
      fake.done('requestChallenge', 'UkVH'),
      fake.fail('signWithPassword', fake.cardErrors.pinIncorrect(4)),
    );
    expect(state().value).toEqual({ entering: 'password' });
    expect(state().context.passwordStatus?.triesLeft).toBe(4);
    expectError('signPasswordIncorrect');
    expect(run.fakes.inputsOf('signWithPassword')).toHaveLength(1);
  });

  test('wrong PIN: only the PIN again, with the signature of the password kept', async () => {
    const { run, send, state, expectError } = await typedAll();
    await send(fake.done('requestChallenge', 'UkVH'), fake.done('signWithPassword', signOutput));
    await send(fake.fail('signChallenge', fake.cardErrors.pinIncorrect(2)));
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
    await send(fake.done('requestChallenge', 'UkVH'));
    if (actor === 'signChallenge') await send(fake.done('signWithPassword', signOutput));
    await send(fake.fail(actor, fake.cardErrors.pinIncorrect(0)));
    expect(state().value).toBe(target);
    expectError(key);
    expect(messageFor(key as never).ja).toContain('市区町村の窓口');
  });

  test('customer number not found: fix the number, sign again', async () => {
    const { send, state, expectError } = await atRegister();
    await send(fake.fail('register', fake.platformErrors.customerNotFound()));
    expect(state().value).toEqual({ entering: 'customerNumber' });
    expect(state().context.customerNumber).toBe('10010099');
    expect(state().context.signed).toBeUndefined();
    expectError('CUSTOMER_NOT_FOUND');
  });

  test.each([
    ['mismatch', fake.platformErrors.registrationMismatch(), 'REGISTRATION_MISMATCH'],
    ['alreadyLinked', fake.platformErrors.alreadyLinked(), 'CERTIFICATE_ALREADY_LINKED'],
    ['certificateExpired', fake.platformErrors.certificateExpired(), 'CERTIFICATE_EXPIRED'],
    ['certificateRevoked', fake.platformErrors.certificateRevoked(), 'CERTIFICATE_REVOKED'],
    ['notMyNumberCard', fake.platformErrors.unknownIssuer(), 'UNKNOWN_ISSUER'],
    ['platformDown', fake.platformErrors.unavailable(), 'PLATFORM_UNAVAILABLE'],
    ['rejected', fake.platformErrors.signatureInvalid(), 'SIGNATURE_INVALID'],
  ])('register refused → %s', async (target, error, key) => {
    const { send, state, expectError } = await atRegister();
    await send(fake.fail('register', error));
    expect(state().value).toBe(target);
    expectError(key);
    expect(state().context.customerNumber === '' || ['platformDown', 'rejected'].includes(target)).toBe(true);
  });

  test('challenge expired: both secrets again, from the password', async () => {
    const { send, state, expectError } = await atRegister();
    await send(fake.fail('register', fake.platformErrors.challengeExpired()));
    expect(state().value).toEqual({ entering: 'password' });
    expectError('CHALLENGE_EXPIRED');
  });

  test.each([
    ['bridgeDown', fake.cardErrors.bridgeDown(), 'bridgeLost'],
    ['cardError', fake.cardErrors.cardRemoved(), 'cardRemoved'],
    ['notMyNumberCard', fake.cardErrors.notMyNumberCard(), 'notMyNumberCard'],
  ])('card failure while signing → %s; RETRY keeps the customer number', async (target, error, key) => {
    const { send, state, expectError } = await typedAll();
    await send(fake.done('requestChallenge', 'UkVH'), fake.fail('signWithPassword', error));
    expect(state().value).toBe(target);
    expectError(key);
    if (target !== 'notMyNumberCard') {
      await send({ type: 'RETRY' });
      expect(state().value).toEqual({ entering: 'customerNumber' });
      expect(state().context.customerNumber).toBe('10010099');
    }
  });
});

/**
 * Registration's last tries, spent only on the viewer's word: each secret goes without a
 * confirmation first; the bridge's refusal (with its one-time value) brings that secret's warning,
 * and only its CONFIRM sends the secret again with the value. Fake card and platform.
 */
import { CARD_ID, CONFIRMATION, cardErrors, done, fail, signedIn } from '../../../machines/testing/fixtures';
import { chars, digits, revealedInputs } from '../../../machines/testing/flow-run';
import {
  cardRead,
  everythingTyped,
  registration,
  SIGN_OUTPUT as signOutput,
} from './registration.test-model';

const FRESH = 'ZnJlc2gtb25lLXRpbWUtdmFsdWU';

/** Card read with the tries left, everything typed, OK pressed, the challenge there. */
async function submitted(pinTries: number, passwordTries: number) {
  const flow = await registration(
    ...cardRead(pinTries, passwordTries),
    ...everythingTyped(),
    done('requestChallenge', 'UkVH'),
  );
  // Both secrets go only to the registration's card.
  const calls = (id: 'signWithPassword' | 'signChallenge') =>
    revealedInputs(flow.fakes.inputsOf(id), id === 'signWithPassword' ? 'password' : 'pin', CARD_ID);
  return { run: flow, send: flow.send, state: flow.snapshot, calls };
}

describe('the signature password at one try left', () => {
  test('goes without a confirmation; the refusal brings its warning with the value', async () => {
    const { send, state, calls } = await submitted(3, 1);
    expect(calls('signWithPassword')).toEqual([{ secret: 'ABC123', challenge: 'UkVH' }]);
    expect(state().context.password).toBe('');
    await send(fail('signWithPassword', cardErrors.lastAttempt()));
    expect(state().value).toEqual({ entering: 'confirmingPassword' });
    expect(state().context).toMatchObject({
      password: 'ABC123',
      pin: '9753',
      heldPassword: undefined,
      passwordConfirmation: CONFIRMATION,
      error: undefined,
    });
    expect(state().context.passwordStatus?.triesLeft).toBe(1);
  });

  test('CONFIRM: a fresh challenge, then the password with the value, once; the PIN follows', async () => {
    const { run, send, state, calls } = await submitted(3, 1);
    await send(
      fail('signWithPassword', cardErrors.lastAttempt()),
      { type: 'OK' },
      { type: 'CHAR', char: 'X' },
    );
    expect(calls('signWithPassword')).toHaveLength(1);
    await send({ type: 'CONFIRM' });
    expect(state().value).toBe('challenging');
    await send(done('requestChallenge', 'UkVHMg=='));
    expect(calls('signWithPassword')[1]).toEqual({
      secret: 'ABC123',
      challenge: 'UkVHMg==',
      confirmLastAttempt: CONFIRMATION,
    });
    await send(done('signWithPassword', signOutput));
    expect(state().context).toMatchObject({ passwordConfirmation: undefined, heldPassword: undefined });
    // The PIN has tries to spare: no confirmation with it.
    expect(calls('signChallenge')).toEqual([{ secret: '9753', challenge: 'UkVHMg==' }]);
    await send(done('signChallenge', 'QVNJRw=='), done('register', signedIn()));
    expect(state().output).toMatchObject({ outcome: 'signedIn' });
    expect(run.fakes.inputsOf('requestChallenge')).toHaveLength(2);
  });

  test('a value that ran out: the warning again with the fresh value', async () => {
    const { send, state, calls } = await submitted(3, 1);
    await send(fail('signWithPassword', cardErrors.lastAttempt()), { type: 'CONFIRM' });
    await send(done('requestChallenge', 'UkVHMg=='), fail('signWithPassword', cardErrors.lastAttempt(FRESH)));
    expect(state().value).toEqual({ entering: 'confirmingPassword' });
    expect(state().context.passwordConfirmation).toBe(FRESH);
    expect(calls('signWithPassword')).toHaveLength(2);
  });

  test('BACK drops the value and the password', async () => {
    const { send, state, calls } = await submitted(3, 1);
    await send(fail('signWithPassword', cardErrors.lastAttempt()), { type: 'BACK' });
    expect(state().value).toEqual({ entering: 'password' });
    expect(state().context).toMatchObject({ password: '', pin: '', passwordConfirmation: undefined });
    await send(...chars('XYZ789'), { type: 'OK' }, ...digits('9753'), { type: 'OK' });
    await send(done('requestChallenge', 'UkVHMw=='));
    expect(calls('signWithPassword')[1]).toEqual({ secret: 'XYZ789', challenge: 'UkVHMw==' });
  });
});

describe('the PIN at one try left (stale: the app thought 3)', () => {
  test('the refusal brings the PIN warning; CONFIRM sends the PIN with the value, the password signature kept', async () => {
    const { run, send, state, calls } = await submitted(3, 5);
    await send(done('signWithPassword', signOutput));
    expect(calls('signChallenge')).toEqual([{ secret: '9753', challenge: 'UkVH' }]);
    await send(fail('signChallenge', cardErrors.lastAttempt()));
    expect(state().value).toEqual({ entering: 'confirmingPin' });
    expect(state().context).toMatchObject({ pin: '9753', heldPin: undefined, pinConfirmation: CONFIRMATION });
    await send({ type: 'CONFIRM' });
    expect(state().value).toBe('signingWithPin');
    expect(calls('signChallenge')[1]).toEqual({
      secret: '9753',
      challenge: 'UkVH',
      confirmLastAttempt: CONFIRMATION,
    });
    expect(calls('signWithPassword')).toHaveLength(1);
    expect(run.fakes.inputsOf('requestChallenge')).toHaveLength(1);
  });

  test('CANCEL drops everything', async () => {
    const { send, state } = await submitted(3, 5);
    await send(done('signWithPassword', signOutput), fail('signChallenge', cardErrors.lastAttempt()));
    await send({ type: 'CANCEL' });
    expect(state().output).toEqual({ outcome: 'cancelled' });
    expect(state().context).toMatchObject({ pin: '', password: '', pinConfirmation: undefined });
  });
});

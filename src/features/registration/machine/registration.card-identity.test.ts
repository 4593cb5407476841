/**
 * The card the registration is for: every card call names it, another card's answer ends the
 * registration with neither secret sent again, and a VERIFY cut off mid-way makes both counts
 * unknown until the card is read again. Fake card and platform.
 */
import type { Secret } from '../../../machines/secret';
import { CARD_ID, cardErrors, done, fail, pinStatus } from '../../../machines/testing/fixtures';
import {
  cardRead,
  everythingTyped,
  registration,
  SIGN_OUTPUT as signOutput,
} from './registration.test-model';

/** Card read, everything typed, OK pressed, the challenge there: the password's sign is out. */
async function signingWithPassword() {
  const flow = await registration(...cardRead(), ...everythingTyped(), done('requestChallenge', 'UkVH'));
  expect(flow.snapshot().value).toBe('signingWithPassword');
  return { ...flow, run: flow };
}

const cardIdOf = (input: unknown) => (input as { cardId?: string }).cardId;

describe('the card the registration is for', () => {
  test('every card call names it: the certificate, both counts and both signs', async () => {
    const { run, send } = await signingWithPassword();
    await send(done('signWithPassword', signOutput));
    const cardCalls = ['readAuthCertificate', 'readPinStatus', 'readPasswordStatus', 'signWithPassword'];
    for (const id of [...cardCalls, 'signChallenge']) {
      expect(run.fakes.inputsOf(id).map(cardIdOf)).toEqual([CARD_ID]);
    }
  });

  test('the password sign answered CARD_CHANGED: it ends for a restart, no secret is sent again', async () => {
    const { run, send, snapshot } = await signingWithPassword();
    await send(fail('signWithPassword', cardErrors.cardChanged()));
    expect(snapshot().status).toBe('done');
    expect(snapshot().output).toEqual({ outcome: 'cardChanged' });
    expect(snapshot().context).toMatchObject({
      password: '',
      pin: '',
      heldPassword: undefined,
      heldPin: undefined,
    });
    await send({ type: 'RETRY' }, { type: 'OK' }, { type: 'CONFIRM' });
    expect(run.fakes.inputsOf('signWithPassword')).toHaveLength(1);
    expect(run.fakes.inputsOf('signChallenge')).toEqual([]);
  });

  test('the PIN sign answered CARD_CHANGED: the same, the PIN not sent again', async () => {
    const { run, send, snapshot } = await signingWithPassword();
    await send(done('signWithPassword', signOutput), fail('signChallenge', cardErrors.cardChanged()));
    expect(snapshot().output).toEqual({ outcome: 'cardChanged' });
    const [sign] = run.fakes.inputsOf('signChallenge') as Array<{ pin: Secret }>;
    expect(sign?.pin.reveal()).toBe('9753');
    await send({ type: 'RETRY' }, { type: 'OK' });
    expect(run.fakes.inputsOf('signChallenge')).toHaveLength(1);
  });
});

describe('a VERIFY cut off mid-way (verifyOutcome unknown)', () => {
  test('both counts are forgotten; after RETRY, OK waits until the card is read again', async () => {
    const { run, send, snapshot } = await signingWithPassword();
    await send(fail('signWithPassword', cardErrors.removedDuringVerify()));
    expect(snapshot().value).toBe('cardError');
    expect(snapshot().context).toMatchObject({ pinStatus: undefined, passwordStatus: undefined });
    await send({ type: 'RETRY' }, done('readAuthCertificate', 'QVVUSA=='), ...everythingTyped());
    expect(snapshot().matches({ entering: 'submitted' })).toBe(true);
    expect(run.fakes.inputsOf('requestChallenge')).toHaveLength(1);
    // Read again: the password's try was counted, so it shows what is left.
    await send(done('readPinStatus', pinStatus(3)), done('readPasswordStatus', pinStatus(4, 5)));
    expect(snapshot().value).toBe('challenging');
    expect(snapshot().context.passwordStatus).toMatchObject({ triesLeft: 4 });
  });
});

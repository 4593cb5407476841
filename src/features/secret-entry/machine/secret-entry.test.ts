/** The secret entry as the viewer meets it, with a fake card: typing, wrong entries, the last try. */
import { CONFIRMATION, cardErrors, done, fail, pinStatus } from '../../../machines/testing/fixtures';
import { chars, digits, revealedInputs, startFlow } from '../../../machines/testing/flow-run';
import { notProvided } from '../../../machines/ports';
import { secretEntrySpec } from './secret-entry.test-model';

const FRESH = 'ZnJlc2gtb25lLXRpbWUtdmFsdWU';

async function pinEntry(triesLeft = 3) {
  const flow = await startFlow({ ...secretEntrySpec('pin'), input: { status: pinStatus(triesLeft) } });
  const submitted = () => revealedInputs(flow.fakes.inputsOf('submit'), 'secret');
  return { ...flow, submitted };
}

describe('typing the PIN', () => {
  test('takes four digits, ignores a fifth and anything not a digit; BACK takes the last', async () => {
    const { send, snapshot } = await pinEntry();
    await send(...digits('12'), { type: 'DIGIT', digit: 'A' }, ...digits('345'));
    expect(snapshot().context.typed).toBe('1234');
    await send({ type: 'BACK' });
    expect(snapshot().context.typed).toBe('123');
  });

  test('OK does nothing until four digits are typed', async () => {
    const { send, snapshot, submitted } = await pinEntry();
    await send(...digits('123'), { type: 'OK' });
    expect(snapshot().value).toBe('typing');
    expect(submitted()).toEqual([]);
  });

  test('opened without the card’s count: no tries shown until the card tells them', async () => {
    const { send, snapshot } = await startFlow({ ...secretEntrySpec('pin'), input: undefined });
    expect(snapshot().context.status).toBeUndefined();
    await send(...digits('9753'), { type: 'OK' }, fail('submit', cardErrors.pinIncorrect(2)));
    expect(snapshot().context.status).toEqual({ maxTries: 3, triesLeft: 2, locked: false });
  });

  test('opened without the card’s count, the last-try warning still says one of three', async () => {
    const { send, snapshot } = await startFlow({ ...secretEntrySpec('pin'), input: undefined });
    await send(...digits('9753'), { type: 'OK' }, fail('submit', cardErrors.lastAttempt()));
    expect(snapshot().context.status).toEqual({ maxTries: 3, triesLeft: 1, locked: false });
  });

  test('BACK with nothing typed leaves the entry, as CANCEL does', async () => {
    const { send, snapshot } = await pinEntry();
    await send({ type: 'BACK' });
    expect(snapshot().output).toEqual({ outcome: 'cancelled' });
  });
});

describe('typing the signature password', () => {
  test('takes A–Z and 0–9 up to 16, not lower case; OK from six', async () => {
    const { send, snapshot, fakes } = await startFlow(secretEntrySpec('password'));
    await send(...chars('AB1c2'), { type: 'DIGIT', digit: '3' }, { type: 'OK' });
    expect(snapshot().context.typed).toBe('AB12');
    expect(fakes.inputsOf('submit')).toEqual([]);
    await send(...chars('CDEFGHIJKLMNOPQR'));
    expect(snapshot().context.typed).toBe('AB12CDEFGHIJKLMN');
    await send({ type: 'OK' });
    expect(revealedInputs(fakes.inputsOf('submit'), 'secret')).toEqual([{ secret: 'AB12CDEFGHIJKLMN' }]);
  });
});

describe('the card answers', () => {
  test('the PIN leaves context in the step that hands it to the card, wrapped', async () => {
    const { send, snapshot, submitted } = await pinEntry();
    await send(...digits('9753'), { type: 'OK' });
    expect(submitted()).toEqual([{ secret: '9753' }]);
    expect(snapshot().context.typed).toBe('');
    expect(JSON.stringify(snapshot())).not.toContain('9753');
  });

  test('signed: the card’s answer is the output, and no secret is left', async () => {
    const { send, snapshot } = await pinEntry();
    await send(...digits('9753'), { type: 'OK' }, done('submit', 'U0lH'));
    expect(snapshot().output).toEqual({ outcome: 'signed', output: 'U0lH' });
    expect(snapshot().context).toMatchObject({ typed: '', held: undefined, confirmation: undefined });
  });

  test('a wrong PIN: typed again, with the card’s count under it; nothing is re-sent', async () => {
    const { send, snapshot, submitted } = await pinEntry();
    await send(...digits('9753'), { type: 'OK' }, fail('submit', cardErrors.pinIncorrect(2)));
    expect(snapshot().value).toBe('typing');
    expect(snapshot().context).toMatchObject({ typed: '', held: undefined, status: { triesLeft: 2 } });
    expect(snapshot().context.error).toMatchObject({ messageKey: 'pinIncorrect', triesLeft: 2 });
    expect(submitted()).toHaveLength(1);
    await send({ type: 'DIGIT', digit: '1' });
    expect(snapshot().context.error).toBeUndefined();
  });

  test('the password’s warning keeps its own count: one of five', async () => {
    const { send, snapshot } = await startFlow(secretEntrySpec('password'));
    await send(...chars('ABC123'), { type: 'OK' }, fail('submit', cardErrors.lastAttempt()));
    expect(snapshot().context.status).toEqual({ maxTries: 5, triesLeft: 1, locked: false });
  });

  test('a wrong password says so in the password’s words', async () => {
    const { send, snapshot } = await startFlow(secretEntrySpec('password'));
    await send(...chars('ABC123'), { type: 'OK' }, fail('submit', cardErrors.pinIncorrect(4)));
    expect(snapshot().context.error).toMatchObject({ messageKey: 'signPasswordIncorrect', triesLeft: 4 });
  });

  test.each([
    ['wrong with none left', cardErrors.pinIncorrect(0)],
    ['locked', cardErrors.pinLocked()],
  ])('%s: locked, and the secret is gone', async (_, error) => {
    const { send, snapshot } = await pinEntry();
    await send(...digits('9753'), { type: 'OK' }, fail('submit', error));
    expect(snapshot().output).toEqual({ outcome: 'locked' });
    expect(snapshot().context).toMatchObject({ typed: '', held: undefined });
  });

  test('removed during the VERIFY: passed up, the count unknown until read again', async () => {
    const { send, snapshot } = await pinEntry();
    await send(...digits('9753'), { type: 'OK' }, fail('submit', cardErrors.removedDuringVerify()));
    expect(snapshot().output).toMatchObject({ outcome: 'failed', tryMayBeSpent: true });
    expect(snapshot().context.status).toBeUndefined();
  });

  test.each([
    ['another card', cardErrors.cardChanged(), 'cardChanged'],
    ['the card removed', cardErrors.cardRemoved(), 'cardRemoved'],
    ['the bridge gone', cardErrors.bridgeDown(), 'bridgeDown'],
  ])('%s: passed up to the flow, nothing spent, the secret dropped', async (_, error, kind) => {
    const { send, snapshot } = await pinEntry();
    await send(...digits('9753'), { type: 'OK' }, fail('submit', error));
    expect(snapshot().output).toEqual({
      outcome: 'failed',
      error: expect.objectContaining({ kind }),
      tryMayBeSpent: false,
    });
    expect(snapshot().context).toMatchObject({ typed: '', held: undefined, status: { triesLeft: 3 } });
  });
});

describe('the last try, spent only on the viewer’s CONFIRM', () => {
  async function atWarning() {
    const entry = await pinEntry(1);
    await entry.send(...digits('9753'), { type: 'OK' }, fail('submit', cardErrors.lastAttempt()));
    return entry;
  }

  test('OK goes without a confirmation; the refusal brings the warning, the PIN kept for it', async () => {
    const { snapshot, submitted } = await atWarning();
    // Not even an empty confirmation field: the bridge must not take this call as confirmed.
    expect(submitted()).toStrictEqual([{ secret: '9753' }]);
    expect(snapshot().value).toBe('confirmingLastAttempt');
    expect(snapshot().context).toMatchObject({ typed: '9753', held: undefined, confirmation: CONFIRMATION });
    expect(snapshot().context.status).toEqual({ maxTries: 3, triesLeft: 1, locked: false });
    expect(snapshot().context.error).toBeUndefined();
  });

  test('keys other than CONFIRM send nothing; CONFIRM sends the PIN with the bridge’s value, once', async () => {
    const { send, submitted } = await atWarning();
    await send({ type: 'OK' }, { type: 'DIGIT', digit: '1' });
    expect(submitted()).toHaveLength(1);
    await send({ type: 'CONFIRM' }, { type: 'CONFIRM' });
    expect(submitted()).toEqual([{ secret: '9753' }, { secret: '9753', confirmLastAttempt: CONFIRMATION }]);
  });

  test('a value that ran out: the warning again with the fresh one, nothing resent', async () => {
    const { send, snapshot, submitted } = await atWarning();
    await send({ type: 'CONFIRM' }, fail('submit', cardErrors.lastAttempt(FRESH)));
    expect(snapshot().value).toBe('confirmingLastAttempt');
    expect(snapshot().context.confirmation).toBe(FRESH);
    expect(submitted()).toHaveLength(2);
  });

  test('BACK drops the value and the PIN: typing again starts from nothing', async () => {
    const { send, snapshot } = await atWarning();
    await send({ type: 'BACK' });
    expect(snapshot().value).toBe('typing');
    expect(snapshot().context).toMatchObject({ typed: '', confirmation: undefined });
  });

  test('CANCEL drops them too', async () => {
    const { send, snapshot } = await atWarning();
    await send({ type: 'CANCEL' });
    expect(snapshot().output).toEqual({ outcome: 'cancelled' });
    expect(snapshot().context).toMatchObject({ typed: '', confirmation: undefined });
  });
});

test('a machine started without its card actor says which one is missing', async () => {
  await expect(notProvided('submit')()).rejects.toThrow("actor 'submit' not provided");
});

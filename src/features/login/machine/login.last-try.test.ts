/**
 * The last try, spent only on the viewer's word: OK sends the PIN without a confirmation, the
 * bridge refuses it at one try left with a one-time value, the warning shows with that value in
 * context, and only CONFIRM sends the PIN again with it. Fake card and platform.
 */
import { FLOW_MESSAGES } from '../../../machines/messages';
import * as fake from '../../../machines/testing/fixtures';
import type { PathRun } from '../../../machines/testing/model';
import { digits, send, startFlow } from '../../../machines/testing/flow-run';
import type { Secret } from '../../../machines/secret';
import type { loginMachine } from './login.machine';
import { cardRead, loginSpec } from './login.test-model';

type Run = PathRun<typeof loginMachine>;

const FRESH = 'ZnJlc2gtb25lLXRpbWUtdmFsdWU';

/** The card actor's inputs as it sees them (the PIN unwrapped). */
const signCalls = (run: Run) =>
  run.fakes.inputsOf('signChallenge').map((input) => {
    const { pin, cardId, ...rest } = input as { pin: Secret; cardId?: string };
    expect(cardId).toBe(fake.CARD_ID); // every try names the login's card, CONFIRM's too
    return { pin: pin.reveal(), ...rest };
  });

const context = (run: Run) => run.actor.getSnapshot().context;
const confirming = (run: Run) => run.actor.getSnapshot().matches({ active: 'confirmingLastAttempt' });

/** Card read with `tries` left, a challenge prefetched, the PIN typed and OK pressed. */
async function okPressed(tries: number, pin = '9753'): Promise<Run> {
  const run = await startFlow(loginSpec);
  await send(run, ...cardRead(tries), fake.done('prefetchChallenge', 'UFJF'), ...digits(pin), { type: 'OK' });
  return run;
}

/** At one try left, OK pressed and the bridge's refusal back: the warning shows. */
async function warned(confirmation = fake.CONFIRMATION): Promise<Run> {
  const run = await okPressed(1);
  await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt(confirmation)));
  return run;
}

describe('one try left: OK', () => {
  test('sends the PIN without a confirmation, and keeps it (wrapped) until the card answers', async () => {
    const run = await okPressed(1);
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(signCalls(run)).toEqual([{ pin: '9753', challenge: 'UFJF' }]);
    expect(context(run).pin).toBe('');
    expect(context(run).heldPin?.reveal()).toBe('9753');
    expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('9753');
  });

  test("the bridge's refusal brings the warning, with its value and the PIN for the CONFIRM", async () => {
    const run = await warned();
    expect(confirming(run)).toBe(true);
    expect(context(run)).toMatchObject({ pin: '9753', heldPin: undefined, confirmation: fake.CONFIRMATION });
    expect(context(run).pinStatus?.triesLeft).toBe(1);
    // The warning panel says it all: no error line under it.
    expect(context(run).error).toBeUndefined();
    expect(FLOW_MESSAGES.lastAttemptConfirm.ja).toContain('残り1回');
  });

  test('while the warning shows, OK and digits send nothing', async () => {
    const run = await warned();
    await send(run, { type: 'OK' }, { type: 'DIGIT', digit: '1' }, { type: 'OK' });
    expect(confirming(run)).toBe(true);
    expect(signCalls(run)).toHaveLength(1);
    expect(context(run).pin).toBe('9753');
  });
});

describe('CONFIRM: the value goes with the PIN, once', () => {
  test('with the challenge fetched again while the warning showed', async () => {
    const run = await warned();
    await send(run, fake.done('prefetchChallenge', 'TkVX'), { type: 'CONFIRM' });
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(signCalls(run)[1]).toEqual({
      pin: '9753',
      challenge: 'TkVX',
      confirmLastAttempt: fake.CONFIRMATION,
    });
    expect(context(run).pin).toBe('');
    await send(run, fake.done('signChallenge', 'U0lH'));
    expect(run.actor.getSnapshot().value).toBe('verifying');
    expect(context(run)).toMatchObject({ confirmation: undefined, heldPin: undefined });
    await send(run, fake.done('loginWithSignature', fake.signedIn()));
    expect(run.actor.getSnapshot().output).toMatchObject({ outcome: 'signedIn' });
    expect(signCalls(run)).toHaveLength(2);
  });

  test('without a fresh challenge, one is fetched first', async () => {
    const run = await warned();
    await send(run, { type: 'CONFIRM' });
    expect(run.actor.getSnapshot().value).toBe('challenging');
    await send(run, fake.done('requestChallenge', 'Q0g='));
    expect(signCalls(run)[1]).toEqual({
      pin: '9753',
      challenge: 'Q0g=',
      confirmLastAttempt: fake.CONFIRMATION,
    });
  });

  test('a value that ran out: the warning again with the fresh one, never a resend on its own', async () => {
    const run = await warned();
    await send(run, { type: 'CONFIRM' }, fake.done('requestChallenge', 'Q0g='));
    await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt(FRESH)));
    expect(confirming(run)).toBe(true);
    expect(context(run)).toMatchObject({ pin: '9753', confirmation: FRESH });
    expect(signCalls(run)).toHaveLength(2);
    await send(run, { type: 'CONFIRM' }, fake.done('requestChallenge', 'Q0gy'));
    expect(signCalls(run)[2]).toMatchObject({ confirmLastAttempt: FRESH });
  });

  test('the confirmed try was wrong: locked, with nothing left in context', async () => {
    const run = await warned();
    await send(run, { type: 'CONFIRM' }, fake.done('requestChallenge', 'Q0g='));
    await send(run, fake.fail('signChallenge', fake.cardErrors.pinIncorrect(0)));
    expect(run.actor.getSnapshot().value).toBe('locked');
    expect(context(run)).toMatchObject({ pin: '', heldPin: undefined, confirmation: undefined });
  });
});

describe('BACK and CANCEL drop the value and the PIN', () => {
  test('BACK: a new PIN, and its OK again goes without a confirmation', async () => {
    const run = await warned();
    await send(run, { type: 'BACK' });
    expect(run.actor.getSnapshot().matches({ active: 'typing' })).toBe(true);
    expect(context(run)).toMatchObject({ pin: '', confirmation: undefined, heldPin: undefined });
    await send(run, fake.done('prefetchChallenge', 'TkVX'), ...digits('1111'), { type: 'OK' });
    expect(signCalls(run)[1]).toEqual({ pin: '1111', challenge: 'TkVX' });
  });

  test('CANCEL ends the login with neither left', async () => {
    const run = await warned();
    await send(run, { type: 'CANCEL' });
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.output).toEqual({ outcome: 'cancelled' });
    expect(snapshot.context).toMatchObject({ pin: '', confirmation: undefined, heldPin: undefined });
  });
});

describe('one try left, learnt late', () => {
  test('stale tries (the app thought 3): the same warning path', async () => {
    const run = await okPressed(3);
    expect(signCalls(run)).toEqual([{ pin: '9753', challenge: 'UFJF' }]);
    await send(run, fake.fail('signChallenge', fake.cardErrors.lastAttempt()));
    expect(confirming(run)).toBe(true);
    expect(context(run)).toMatchObject({ pin: '9753', confirmation: fake.CONFIRMATION });
    expect(context(run).pinStatus?.triesLeft).toBe(1);
  });

  test('a wrong PIN leaves one try: the next OK still goes without a confirmation', async () => {
    const run = await okPressed(3);
    await send(run, fake.fail('signChallenge', fake.cardErrors.pinIncorrect(1)));
    expect(context(run).pinStatus?.triesLeft).toBe(1);
    await send(run, fake.done('prefetchChallenge', 'TkVX'), ...digits('1111'), { type: 'OK' });
    expect(run.actor.getSnapshot().value).toBe('signing');
    expect(signCalls(run)[1]).toEqual({ pin: '1111', challenge: 'TkVX' });
  });
});

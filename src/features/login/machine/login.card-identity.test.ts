/**
 * The card the login is for: every card call names it (the bridge then refuses another card without
 * sending it anything), an answer that another card is in ends the login with no PIN sent again,
 * and a VERIFY cut off mid-way makes the count unknown until the card is read again. Fake card.
 */
import { CARD_ID, cardErrors, done, fail, pinStatus } from '../../../machines/testing/fixtures';
import type { PathRun } from '../../../machines/testing/model';
import { digits, send, startFlow } from '../../../machines/testing/flow-run';
import type { Secret } from '../../../machines/secret';
import type { loginMachine } from './login.machine';
import { loginSpec } from './login.test-model';

type Run = PathRun<typeof loginMachine>;

const state = (run: Run) => run.actor.getSnapshot().value;

/** Card read, a challenge prefetched, the PIN typed and OK pressed: the sign is out. */
async function signing(pin = '2468'): Promise<Run> {
  const run = await startFlow(loginSpec);
  await send(
    run,
    done('readAuthCertificate', 'Q0VSVA=='),
    done('readPinStatus', pinStatus(3)),
    done('prefetchChallenge', 'UFJF'),
    ...digits(pin),
    { type: 'OK' },
  );
  expect(state(run)).toBe('signing');
  return run;
}

describe('the card the login is for', () => {
  test('every card call names it: the certificate, the PIN status and the sign', async () => {
    const run = await signing();
    expect(run.fakes.inputsOf('readAuthCertificate')).toEqual([{ cardId: CARD_ID }]);
    expect(run.fakes.inputsOf('readPinStatus')).toEqual([{ pin: 'auth', cardId: CARD_ID }]);
    const [sign] = run.fakes.inputsOf('signChallenge') as Array<{ pin: Secret; cardId?: string }>;
    expect(sign?.cardId).toBe(CARD_ID);
    expect(sign?.pin.reveal()).toBe('2468');
  });

  test('sign answered CARD_CHANGED: the login ends for a restart, the PIN is dropped and not sent again', async () => {
    const run = await signing();
    await send(run, fail('signChallenge', cardErrors.cardChanged()));
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.status).toBe('done');
    expect(snapshot.output).toEqual({ outcome: 'cardChanged' });
    expect(snapshot.context).toMatchObject({ pin: '', heldPin: undefined, confirmation: undefined });
    // RETRY, OK or CONFIRM cannot bring the PIN back to the other card: the flow is over.
    await send(run, { type: 'RETRY' }, { type: 'OK' }, { type: 'CONFIRM' });
    expect(run.fakes.inputsOf('signChallenge')).toHaveLength(1);
  });

  test.each(['readAuthCertificate', 'readPinStatus'])(
    '%s answered CARD_CHANGED: the login ends before any PIN is asked for',
    async (id) => {
      const run = await startFlow(loginSpec);
      await send(run, ...digits('12'), fail(id, cardErrors.cardChanged()));
      expect(run.actor.getSnapshot().output).toEqual({ outcome: 'cardChanged' });
      expect(run.actor.getSnapshot().context.pin).toBe('');
      expect(run.fakes.inputsOf('signChallenge')).toEqual([]);
    },
  );
});

describe('a VERIFY cut off mid-way (verifyOutcome unknown)', () => {
  test('the count is forgotten; RETRY reads it again and OK waits for it', async () => {
    const run = await signing();
    await send(run, fail('signChallenge', cardErrors.removedDuringVerify()));
    expect(state(run)).toBe('cardError');
    expect(run.actor.getSnapshot().context).toMatchObject({
      pinStatus: undefined,
      error: { kind: 'cardRemoved', messageKey: 'cardRemoved' },
    });
    await send(run, { type: 'RETRY' }, done('readAuthCertificate', 'Q0VSVA=='), ...digits('2468'), {
      type: 'OK',
    });
    // Not to the card while the count is unknown: one sign so far, the one before the cut.
    expect(run.actor.getSnapshot().matches({ active: 'submitted' })).toBe(true);
    expect(run.fakes.inputsOf('readPinStatus')).toHaveLength(2);
    expect(run.fakes.inputsOf('signChallenge')).toHaveLength(1);
    // The card counted it: one left now, and the bridge's last-try rule takes over from here.
    await send(run, done('readPinStatus', pinStatus(1)));
    expect(run.actor.getSnapshot().context.pinStatus).toMatchObject({ triesLeft: 1 });
  });

  test('a count read again as locked ends at the lock, with no other sign', async () => {
    const run = await signing();
    await send(run, fail('signChallenge', cardErrors.removedDuringVerify()), { type: 'RETRY' });
    await send(run, done('readPinStatus', { triesLeft: 0, maxTries: 3, locked: true }));
    expect(state(run)).toBe('locked');
    expect(run.fakes.inputsOf('signChallenge')).toHaveLength(1);
  });

  test('a card error without verifyOutcome keeps the count it had', async () => {
    const run = await signing();
    await send(run, fail('signChallenge', cardErrors.cardError()));
    expect(state(run)).toBe('cardError');
    expect(run.actor.getSnapshot().context.pinStatus).toMatchObject({ triesLeft: 3 });
  });
});

/**
 * The card operation time limit (BR-MTH-76), played by the kit's own card: a slow card that stays
 * inside the limit is served; a card that hangs on its signature ends the call with CARD_ERROR
 * {timeout: true} at the limit while the bridge keeps answering, and the reader is BUSY 'stuck'
 * until the card answers, after which the card is reset and classified again with a new cardId.
 *
 * The cases take the limit the bridge advertises in getInfo (CK-57 checks that it is the spec's
 * 15 s) and scale the card to it, so a bridge run for tests with a shorter limit is checked in less
 * time. The kit's own card (--virtual-card) is slow on purpose; in the browser build a technician
 * inserts the lab's slow and hanging test cards (README "Test cards"), made for the spec's 15 s.
 */
import {
  CARD_OPERATION_TIMEOUT_MS,
  qualifiedName,
  type Info,
  type MethodName,
  type Status,
} from '../../protocol';
import { SLOW_CARD, hangingSignature, type CardPaceOptions } from '../../../mocks/virtual-card/card-pace';
import { check, connected, NotRun, show, skip, type CaseContext, type ConformanceCase } from '../case';
import type { TestCardProfile } from '../card-control';
import type { KitClient, Reply } from '../client';
import { Code, authPins, errorOf, requireTries, resultOf, signParams } from '../expect';

/** The time limit the bridge applies, from getInfo. */
async function advertisedLimit(client: KitClient): Promise<number> {
  const info = resultOf<Info>(await client.call('getInfo'), 'getInfo');
  const limit = info.limits?.cardOperationTimeoutMs;
  check(Number.isInteger(limit) && limit > 0, `getInfo limits.cardOperationTimeoutMs: ${show(limit)}`);
  return limit;
}

/**
 * The slow card of mocks/virtual-card/card-pace.ts (SLOW_CARD) at the bridge's limit: every answer
 * 2 % of it late (300 ms of 15 s), the signature two thirds of it (10 s of 15 s, the longest one
 * command may take, BR-RDR-7). A sign is then about 6 APDUs: some 77 % of the limit.
 */
function slowCard(limit: number): CardPaceOptions {
  const scale = limit / CARD_OPERATION_TIMEOUT_MS;
  return {
    answerDelayMs: Math.round(SLOW_CARD.answerDelayMs! * scale),
    signDelayMs: Math.round(SLOW_CARD.signDelayMs! * scale),
  };
}

/** Holds the signature's answer past the limit by half of it, at least 3 s: long enough to see `stuck`. */
const hangExtra = (limit: number) => Math.max(3_000, Math.round(limit / 2));

/** The test cards of the README at a bridge's limit (the lab's cards are made for the spec's 15 s). */
export function testCardPace(profile: TestCardProfile, limit: number): CardPaceOptions {
  return profile === 'slow' ? slowCard(limit) : hangingSignature(limit + hangExtra(limit));
}

async function insertPaced(ctx: CaseContext, profile: TestCardProfile, limit: number): Promise<void> {
  const options = { pace: testCardPace(profile, limit), testCard: profile };
  if (!ctx.stage.canProvide('normal', options)) skip(`--${ctx.mode} cannot make the card slow on purpose`);
  await ctx.stage.insert('normal', options);
}

/** The reader the kit's card is in, and its cardId, from a status. */
function cardOf(
  ctx: CaseContext,
  status: Status,
): { name: string; cardId?: string; card: string } | undefined {
  const focus = ctx.stage.focusReader(status);
  return status.readers.find((r) => (focus ? r.name === focus : r.card !== 'absent'));
}

const since = (started: number) => Math.round(performance.now() - started);

let nextId = 0;

/** A call that may take up to the bridge's limit: the kit waits the limit plus 5 s, whatever --timeout-ms says. */
function callWithin(
  ctx: CaseContext,
  client: KitClient,
  limit: number,
  method: MethodName,
  params: unknown,
): Promise<Reply> {
  const id = `timeouts-${++nextId}`;
  const qualified = qualifiedName(method);
  client.expect(id, qualified);
  client.sendText(JSON.stringify({ jsonrpc: '2.0', id, method: qualified, params }));
  return client.reply(id, Math.max(ctx.options.timeoutMs, limit + 5_000));
}

export const timeoutCases: ConformanceCase[] = [
  {
    id: 'CK-66',
    title:
      'a slow card inside the time limit is served: certificate, PIN status and a signature near the limit',
    area: 'methods',
    changesCard: true,
    needs: { authPin: true },
    optionalIn: ['simulator-controls', 'interactive'],
    run: connected(async (client, ctx) => {
      const limit = await advertisedLimit(client);
      try {
        await insertPaced(ctx, 'slow', limit);
        const reader = ctx.readerParam();
        let started = performance.now();
        resultOf(
          await callWithin(ctx, client, limit, 'readCertificate', { slot: 'auth', ...reader }),
          'readCertificate on the slow card',
        );
        ctx.note(`readCertificate ${since(started)} ms`);
        await requireTries(ctx, client, 'auth', 3, 'before the signature on the slow card');
        started = performance.now();
        const signed = await callWithin(ctx, client, limit, 'sign', signParams(ctx, authPins(ctx).right));
        const ms = since(started);
        resultOf(signed, `sign on a card that takes ${ms} ms (the bridge's limit is ${limit} ms)`);
        // A card that answers sooner is not the slow test card: nothing near the limit was tried.
        if (ms < limit / 2)
          throw new NotRun(
            `テスト用の遅いカードではありません / the card signed in ${ms} ms: not the slow test card ` +
              `(its signature takes ⅔ of the ${limit} ms limit) — not run`,
          );
        ctx.note(`sign ${ms} ms of the ${limit} ms limit`);
      } finally {
        ctx.stage.invalidate();
      }
    }),
  },
  {
    id: 'CK-67',
    title:
      'a card that hangs: CARD_ERROR {timeout: true} at the limit, getStatus answered meanwhile; -32021 {reason: "stuck"} until the card answers; then a new cardId',
    area: 'errors',
    changesCard: true,
    needs: { authPin: true },
    optionalIn: ['simulator-controls', 'interactive'],
    async run(ctx) {
      const client = await ctx.connect({ label: 'caller' });
      const watcher = await ctx.connect({ label: 'watcher' });
      const limit = await advertisedLimit(client);
      try {
        await insertPaced(ctx, 'hanging', limit);
        const before = cardOf(ctx, await ctx.stage.status());
        check(before?.card === 'present' && before.cardId, `no present card with a cardId: ${show(before)}`);
        resultOf(
          await watcher.call('register', { event: 'statusChanged', id: 'conformance.timeout' }),
          'register',
        );
        const reader = ctx.readerParam();

        // The signature's answer is held: the call is provably in progress while getStatus is asked.
        const started = performance.now();
        let answered = false;
        const signing = callWithin(ctx, client, limit, 'sign', signParams(ctx, authPins(ctx).right)).finally(
          () => (answered = true),
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, limit / 3)));
        const status = resultOf<Status>(await watcher.call('getStatus'), 'getStatus while the card hangs');
        const asked = since(started);
        if (answered && (await signing).kind === 'result')
          throw new NotRun(
            `テスト用の応答しないカードではありません / the card signed within ${since(started)} ms: ` +
              'not the hanging test card — not run',
          );
        check(!answered, 'sign was answered before the card answered the signature command');
        // The card holds the command past the limit: an answer later than this waited for the card.
        check(
          asked < limit - 250,
          `getStatus was answered only after ${asked} ms, near the end of the operation (limit ${limit} ms)`,
        );
        check(
          cardOf(ctx, status)?.cardId === before.cardId,
          `getStatus while the card hangs: ${show(status)}`,
        );

        const timedOut = errorOf(await signing, Code.CARD_ERROR, 'sign on a card that does not answer');
        const ms = since(started);
        check(
          (timedOut.data as { timeout?: unknown } | undefined)?.timeout === true,
          `the time-out must carry data {"timeout": true}, got ${show(timedOut.data)}`,
        );
        check(ms >= limit - 250, `CARD_ERROR {timeout} after ${ms} ms, before the advertised ${limit} ms`);
        check(ms <= limit + 3_000, `CARD_ERROR {timeout} only after ${ms} ms; the limit is ${limit} ms`);
        ctx.note(`timeout after ${ms} ms (limit ${limit} ms)`);

        // The card still holds the command: every card operation is BUSY 'stuck', on any connection.
        for (const [who, method, params] of [
          [client, 'getPinStatus', { pin: 'auth', ...reader }],
          [watcher, 'readCertificate', { slot: 'auth', ...reader }],
        ] as const) {
          const busy = errorOf(
            await who.call(method, params),
            Code.BUSY,
            `${method} while the reader is stuck`,
          );
          check(
            (busy.data as { reason?: unknown } | undefined)?.reason === 'stuck',
            `${method} while the command is still with the card: BUSY must say {"reason": "stuck"}, got ${show(busy.data)}`,
          );
        }

        // The card answers at last: reset, classified again as a new insertion, with a notification.
        const renewed = await watcher.notification(
          (message) => {
            const again = cardOf(ctx, message.params as Status);
            return again?.card === 'present' && again.cardId !== undefined && again.cardId !== before.cardId;
          },
          hangExtra(limit) + ctx.stage.control.changeTimeoutMs,
          0,
        );
        const after = cardOf(ctx, renewed.params as Status)!;
        const tries = resultOf<{ triesLeft: number }>(
          await client.call('getPinStatus', { pin: 'auth', ...reader, cardId: after.cardId }),
          'getPinStatus with the new cardId',
        );
        check(tries.triesLeft === 3, `the PIN was right; triesLeft must be 3, got ${tries.triesLeft}`);
        errorOf(
          await client.call('getPinStatus', { pin: 'auth', ...reader, cardId: before.cardId }),
          Code.CARD_CHANGED,
          'getPinStatus naming the cardId from before the reset',
        );
      } finally {
        ctx.stage.invalidate();
      }
    },
  },
];

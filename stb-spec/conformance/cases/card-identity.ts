/**
 * getInfo, and the card identity (cardId) that lets the app notice a swapped card: where cardId
 * appears, that a new insertion always gets a new one, and that a call naming an old one is refused
 * before anything reaches the card.
 */
import {
  CARD_ID_PATTERN,
  CARD_OPERATION_TIMEOUT_MS,
  LIMITS,
  PROTOCOL_VERSION,
  SPEC_VERSION,
  type Info,
  type Status,
} from '../../protocol';
import { check, connected, sameJson, show, type CaseContext, type ConformanceCase } from '../case';
import type { KitClient } from '../client';
import { Code, apdusDuring, authPins, errorOf, requireTries, resultOf, signParams } from '../expect';

const CARD_ID = new RegExp(CARD_ID_PATTERN);

/**
 * BR-MTH-70: a reader's cardId is there exactly when it holds a card; the top-level one exactly
 * when the token is, and then it is the identity of a reader whose card is present.
 */
function checkCardIds(status: Status, when: string): void {
  for (const reader of status.readers) {
    const has = reader.cardId !== undefined;
    check(
      has === (reader.card !== 'absent'),
      `${when}: reader "${reader.name}" is "${reader.card}" ${has ? 'but has' : 'without'} a cardId (BR-MTH-70): ${show(status)}`,
    );
    if (has)
      check(CARD_ID.test(reader.cardId!), `${when}: cardId ${show(reader.cardId)} is not ${CARD_ID_PATTERN}`);
  }
  check(
    (status.cardId !== undefined) === (status.token !== undefined),
    `${when}: the top-level cardId must be present exactly when token is (BR-MTH-70): ${show(status)}`,
  );
  if (status.cardId !== undefined) {
    const holder = status.readers.find((r) => r.cardId === status.cardId);
    check(
      holder?.card === 'present',
      `${when}: the top-level cardId is not the cardId of a reader with a present My Number Card: ${show(status)}`,
    );
  }
}

/** The cardId of the reader the kit's card is in, after checking every cardId of the status. */
async function currentCardId(ctx: CaseContext, when: string): Promise<string> {
  const status = await ctx.stage.status();
  checkCardIds(status, when);
  const focus = ctx.stage.focusReader(status);
  const reader = status.readers.find((r) => (focus ? r.name === focus : r.card === 'present'));
  check(
    reader?.card === 'present' && reader.cardId,
    `${when}: no present card with a cardId: ${show(status)}`,
  );
  return reader.cardId;
}

/** Polls getStatus until the kit's reader holds a present card whose cardId is not `old`. */
async function newCardId(ctx: CaseContext, old: string, when: string): Promise<string> {
  const deadline = Date.now() + ctx.stage.control.changeTimeoutMs;
  for (;;) {
    const status = await ctx.stage.status();
    checkCardIds(status, when);
    const focus = ctx.stage.focusReader(status);
    const reader = status.readers.find((r) => (focus ? r.name === focus : r.card === 'present'));
    if (reader?.card === 'present' && reader.cardId && reader.cardId !== old) return reader.cardId;
    check(
      Date.now() < deadline,
      `${when}: after ${ctx.stage.control.changeTimeoutMs} ms getStatus still shows no new cardId (was ${old}): ${show(status)} (BR-MTH-72)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function changedTo(reply: Awaited<ReturnType<KitClient['call']>>, cardId: string | undefined, what: string) {
  const error = errorOf(reply, Code.CARD_CHANGED, what);
  const expected = cardId === undefined ? {} : { cardId };
  check(
    sameJson(error.data ?? {}, expected),
    `${what}: data must be ${show(expected)} (the card now in the reader), got ${show(error.data)}`,
  );
}

export const cardIdentityCases: ConformanceCase[] = [
  {
    id: 'CK-57',
    title:
      'getInfo: spec and protocol version, cardId and last-try capabilities, the spec limits it enforces',
    area: 'methods',
    run: connected(async (client, ctx) => {
      const replies = [
        await client.call('getInfo'),
        await client.call('getInfo', {}),
        await client.call('getInfo', []),
      ].map((reply, n) => resultOf<Info>(reply, `getInfo #${n + 1}`));
      const info = replies[0]!;
      for (const other of replies.slice(1))
        check(sameJson(info, other), `getInfo answers differ: ${show(info)} vs ${show(other)}`);
      check(
        info.specVersion === SPEC_VERSION,
        `specVersion must be "${SPEC_VERSION}", got ${show(info.specVersion)}`,
      );
      check(info.protocolVersion === PROTOCOL_VERSION, `protocolVersion must be ${PROTOCOL_VERSION}`);
      for (const capability of ['cardId', 'lastAttemptConfirmation'] as const)
        check(
          info.capabilities?.includes(capability),
          `capabilities must include "${capability}" (a 2.0 bridge has it), got ${show(info.capabilities)}`,
        );
      const limits = { ...LIMITS, cardOperationTimeoutMs: CARD_OPERATION_TIMEOUT_MS };
      check(
        equalKeys(info.limits, limits),
        `limits must be the spec's ${show(limits)}, got ${show(info.limits)}`,
      );
      ctx.note(`${info.implementation?.name} ${info.implementation?.version}`);
      // What the bridge says it enforces, it enforces: the size limit is the cheap one to try.
      const size = info.limits.maxMessageBytes;
      const core = JSON.stringify({ jsonrpc: '2.0', id: 57, method: 'MyNumberCard.1.getInfo' });
      client.sendText(core + ' '.repeat(size + 1 - Buffer.byteLength(core)));
      const tooBig = errorOf(
        await client.reply(null),
        Code.REQUEST,
        `a message of maxMessageBytes + 1 (${size + 1})`,
      );
      check(
        (tooBig.data as { maxBytes?: unknown } | undefined)?.maxBytes === size,
        `the size error must say {"maxBytes": ${size}} as getInfo does, got ${show(tooBig.data)}`,
      );
    }),
  },
  {
    id: 'CK-58',
    title:
      'cardId: on the reader exactly while a card is in, top-level exactly with the token; new at every insertion',
    area: 'methods',
    card: 'normal',
    changesCard: true,
    async run(ctx) {
      const client = await ctx.connect({ label: 'app' });
      resultOf(
        await client.call('register', { event: 'statusChanged', id: 'conformance.cardid' }),
        'register',
      );
      const first = await currentCardId(ctx, 'with the card in');
      check(
        first === (await currentCardId(ctx, 'asked again')),
        'the cardId changed while the card stayed in',
      );
      await ctx.stage.remove();
      const empty = await ctx.stage.status();
      checkCardIds(empty, 'after the removal');
      check(
        !JSON.stringify(empty).includes(first),
        `the removed card's cardId is still shown: ${show(empty)}`,
      );
      await ctx.stage.insert('not-my-number-card');
      checkCardIds(await ctx.stage.status(), 'with a card that is not a My Number Card');
      await ctx.stage.insert('normal');
      const second = await currentCardId(ctx, 'with the card put back');
      check(
        second !== first,
        `the same card put back got the same cardId ${first}: it must be new at every insertion (BR-MTH-72)`,
      );
      if (ctx.mode === 'interactive') return; // a person cannot swap faster than the bridge polls
      // A swap with no empty reader in between (the kit replaces the card at once): still a new
      // identity, and an event announcing it.
      const since = client.received.length;
      await ctx.stage.control.insert('normal');
      ctx.stage.invalidate();
      const third = await newCardId(ctx, second, 'after an instant swap');
      await client.notification(
        (m) => m.method === 'conformance.cardid.statusChanged' && JSON.stringify(m.params).includes(third),
        ctx.stage.control.changeTimeoutMs,
        since,
      );
      ctx.note('an instant swap got a new cardId and an event');
    },
  },
  {
    id: 'CK-59',
    title:
      'a call naming the cardId of a card no longer in is CARD_CHANGED (-32005) {cardId}, sends nothing to the card',
    area: 'errors',
    card: 'normal',
    changesCard: true,
    run: connected(async (client, ctx) => {
      const reader = ctx.readerParam();
      const old = await currentCardId(ctx, 'before the swap');
      resultOf(
        await client.call('getPinStatus', { pin: 'auth', cardId: old, ...reader }),
        'getPinStatus naming the card in the reader',
      );
      await ctx.stage.remove();
      changedTo(
        await client.call('getPinStatus', { pin: 'auth', cardId: old, ...reader }),
        undefined,
        'getPinStatus naming a removed card, reader empty',
      );
      await ctx.stage.insert('normal');
      const current = await currentCardId(ctx, 'after the swap');
      await requireTries(ctx, client, 'auth', 3, 'after the swap');
      // With a real test card the right PIN is used: were it sent, it would cost nothing.
      const pin = ctx.mode === 'interactive' ? ctx.options.authPin : authPins(ctx).wrong;
      const calls: [string, Record<string, unknown>][] = [
        ['getPinStatus', { pin: 'auth', cardId: old, ...reader }],
        ['readCertificate', { slot: 'auth', cardId: old, ...reader }],
      ];
      if (pin) calls.push(['sign', signParams(ctx, pin, { cardId: old })]);
      const [, apdus] = await apdusDuring(ctx, async () => {
        for (const [method, params] of calls)
          changedTo(await client.call(method, params), current, `${method} naming the old card`);
      });
      if (apdus)
        check(
          apdus.length === 0,
          `${apdus.length} APDUs reached the new card for calls naming the old one (BR-MTH-71)`,
        );
      await requireTries(
        ctx,
        client,
        'auth',
        3,
        'after the calls naming the old card (the counter must not move)',
      );
      resultOf(
        await client.call('getPinStatus', { pin: 'auth', cardId: current, ...reader }),
        'getPinStatus naming the new card',
      );
    }),
  },
];

/** The same keys with the same values, in any order. */
function equalKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

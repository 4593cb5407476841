/**
 * Cards in other states: none, not a My Number Card, locked, one try left, a faulty card, and a card
 * pulled out mid-operation. Locked, last-try and faulty cards need a card the kit controls; with a
 * technician (--interactive) those cases are optional ("not applicable").
 */
import { FAULTY_SIGN_SW } from '../../../mocks/virtual-card/scenarios';
import { check, connected, sameJson, show, skip, type CaseContext, type ConformanceCase } from '../case';
import type { ReaderState } from '../card-stage';
import {
  Code,
  apdusDuring,
  errorOf,
  pinStatus,
  pinVerifies,
  requireTries,
  resultOf,
  signParams,
  passLastTryGuard,
} from '../expect';

/** A PIN of the right shape for cards whose PIN is never verified (locked, foreign, absent). */
const anyAuthPin = (options: { authPin?: string }) => options.authPin ?? '1234';

/** getStatus shows the reader `state`, and no token, since no My Number Card is present. */
async function expectShownWithoutToken(ctx: CaseContext, state: ReaderState, expected: string) {
  const status = await ctx.stage.status();
  check(ctx.stage.stateIn(status) === state, `getStatus: expected ${expected}, got ${show(status)}`);
  const noTokenUnlessPresent = status.readers.some((r) => r.card === 'present') || status.token === undefined;
  check(noTokenUnlessPresent, 'token must be absent when no My Number Card is present');
  return status;
}

export const cardStateCases: ConformanceCase[] = [
  {
    id: 'CK-41',
    title: 'a card without the JPKI AP: "unsupported", no token, NOT_MY_NUMBER_CARD (-32004) with its ATR',
    area: 'errors',
    card: 'not-my-number-card',
    run: connected(async (client, ctx) => {
      await expectShownWithoutToken(ctx, 'unsupported', 'the card "unsupported"');
      const reader = ctx.readerParam();
      for (const [method, params] of [
        ['readCertificate', { slot: 'auth', ...reader }],
        ['getPinStatus', { pin: 'auth', ...reader }],
        ['sign', signParams(ctx, anyAuthPin(ctx.options))],
      ] as const) {
        const error = errorOf(await client.call(method, params), Code.NOT_MY_NUMBER_CARD, method);
        const atr = (error.data as { atr?: unknown } | undefined)?.atr;
        check(
          typeof atr === 'string' && /^[0-9A-F]+$/.test(atr),
          `${method}: data.atr must be upper-case hex, got ${show(error.data)}`,
        );
        const known = ctx.known?.foreignAtr;
        if (known) check(atr === known, `${method}: data.atr ${atr} is not the card's ATR ${known}`);
      }
    }),
  },
  {
    id: 'CK-42',
    title: 'no card: getStatus shows none and no token; card operations are NO_CARD (-32002)',
    area: 'errors',
    card: 'none',
    run: connected(async (client, ctx) => {
      const status = await expectShownWithoutToken(ctx, 'absent', 'no card');
      const reader = ctx.readerParam();
      const calls: [string, Record<string, unknown>][] = [
        ['readCertificate', { slot: 'authCA', ...reader }],
        ['getPinStatus', { pin: 'sign', ...reader }],
        ['sign', signParams(ctx, anyAuthPin(ctx.options))],
      ];
      if (ctx.options.signPin) calls.push(['readSignCertificate', { pin: ctx.options.signPin, ...reader }]);
      const focus = ctx.stage.focusReader(status);
      if (focus && !ctx.options.reader) calls.push(['getPinStatus', { pin: 'auth', reader: focus }]);
      for (const [method, params] of calls)
        errorOf(await client.call(method, params), Code.NO_CARD, `${method} ${show(params)}`);
    }),
  },
  {
    id: 'CK-43',
    title:
      'a locked card: getPinStatus {0, 3, locked}; sign is PIN_LOCKED (-32011), confirmed or not, no VERIFY',
    area: 'errors',
    card: 'locked',
    optionalIn: ['interactive'],
    run: connected(async (client, ctx) => {
      const status = await pinStatus(ctx, client, 'auth');
      check(
        sameJson(status, { triesLeft: 0, maxTries: 3, locked: true }),
        `getPinStatus auth: ${show(status)}`,
      );
      const pin = anyAuthPin(ctx.options);
      const [, apdus] = await apdusDuring(ctx, async () => {
        errorOf(await client.call('sign', signParams(ctx, pin)), Code.PIN_LOCKED, 'sign on a locked card');
        errorOf(
          await client.call('sign', signParams(ctx, pin, { confirmLastAttempt: true })),
          Code.PIN_LOCKED,
          'confirmed sign on a locked card',
        );
      });
      if (apdus) check(pinVerifies(apdus).length === 0, 'a PIN was sent to a locked card (BR-MTH-6)');
    }),
  },
  {
    id: 'CK-44',
    title:
      'a card with one try left: sign is LAST_ATTEMPT_NEEDS_CONFIRMATION without touching the PIN; confirmed, it restores 3',
    area: 'errors',
    card: 'last-try',
    needs: { authPin: true },
    optionalIn: ['interactive'],
    run: connected(async (client, ctx) => {
      const pin = ctx.options.authPin!;
      await requireTries(ctx, client, 'auth', 1, 'on the last-try card');
      await passLastTryGuard(ctx, client, 'auth', (confirmation) =>
        client.call('sign', signParams(ctx, pin, confirmation)),
      );
    }),
  },
  {
    id: 'CK-45',
    title: `a card answering an unexpected status word is CARD_ERROR (-32020) {sw}; the bridge recovers`,
    area: 'errors',
    card: 'faulty-sign',
    needs: { authPin: true },
    optionalIn: ['interactive'],
    run: connected(async (client, ctx) => {
      const error = errorOf(
        await client.call('sign', signParams(ctx, ctx.options.authPin!)),
        Code.CARD_ERROR,
        'sign',
      );
      const sw = FAULTY_SIGN_SW.toString(16).toUpperCase();
      check(
        sameJson(error.data, { sw }),
        `data must be {"sw": "${sw}"} (the card's answer), got ${show(error.data)}`,
      );
      resultOf(
        await client.call('readCertificate', { slot: 'auth', ...ctx.readerParam() }),
        'readCertificate after CARD_ERROR',
      );
      await requireTries(ctx, client, 'auth', 3, 'after CARD_ERROR');
    }),
  },
  {
    id: 'CK-46',
    title: 'a card pulled out during readCertificate ends the call with CARD_REMOVED (-32003); then NO_CARD',
    area: 'errors',
    changesCard: true,
    optionalIn: ['interactive'],
    async run(ctx) {
      if (!ctx.stage.canProvide('normal', { removeDuringNextOperation: true })) {
        skip(`--${ctx.mode} cannot pull a card out in the middle of an operation`);
      }
      const client = await ctx.connect();
      await ctx.stage.insert('normal', { removeDuringNextOperation: true });
      const started = performance.now();
      const reader = ctx.readerParam();
      errorOf(
        await client.call('readCertificate', { slot: 'auth', ...reader }),
        Code.CARD_REMOVED,
        'readCertificate',
      );
      ctx.note(`CARD_REMOVED after ${Math.round(performance.now() - started)} ms`);
      ctx.stage.invalidate();
      const deadline = Date.now() + 5_000;
      let status = await ctx.stage.status();
      while (ctx.stage.stateIn(status) !== 'absent' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = await ctx.stage.status();
      }
      check(
        ctx.stage.stateIn(status) === 'absent',
        `getStatus still shows the pulled card after 5 s: ${show(status)}`,
      );
      errorOf(
        await client.call('readCertificate', { slot: 'auth', ...reader }),
        Code.NO_CARD,
        'readCertificate after the removal',
      );
    },
  },
];

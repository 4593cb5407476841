/**
 * PIN errors on a card whose counters the kit can restore: wrong PINs, the last-attempt guard, PIN
 * formats, and BUSY. Safety first, since with --interactive this is a real test card: every wrong try
 * is preceded by a check that the counter is what the case expects, the PIN given to the kit is proven
 * right before any wrong one is sent, and a case that stops half way restores the counter with it.
 */
import {
  check,
  connected,
  onNormalCard,
  onNormalCardWith,
  show,
  type CaseContext,
  type ConformanceCase,
} from '../case';
import type { KitClient, Reply } from '../client';
import type { RpcErrorObject } from '../message-checks';
import {
  Code,
  apdusDuring,
  authPins,
  errorOf,
  pinVerifies,
  requireTries,
  resultOf,
  signParams,
  signPins,
  passLastTryGuard,
  proveAuthPin,
  withRestore,
} from '../expect';

function triesOf(data: unknown): unknown {
  return (data as { triesLeft?: unknown } | undefined)?.triesLeft;
}

/** BUSY says why: here another operation runs (BR-MTH-73). */
interface LastTryGuard {
  id: string;
  title: string;
  pin: 'auth' | 'sign';
  maxTries: number;
  /** How the secret is named in failure messages, and the counter checks before and after the wrong tries. */
  labels: { secret: string; before: string; after: string };
  /** Proving the right secret first (so a failure is the bridge's, not a wrong --auth-pin), and one try. */
  steps: (
    ctx: CaseContext,
    client: KitClient,
  ) => {
    prove(): Promise<void>;
    attempt(which: 'right' | 'wrong', extra?: { confirmLastAttempt: string }): Promise<Reply>;
  };
}

/**
 * The last try of a secret is spent only on the viewer's word: wrong tries from a full counter down
 * to one left, each PIN_INCORRECT with the tries it leaves, then the guard (passLastTryGuard); the
 * counter is restored whatever happens.
 */
function lastTryGuardCase({ id, title, pin, maxTries, labels, steps }: LastTryGuard): ConformanceCase {
  return {
    id,
    title,
    area: 'errors',
    card: 'normal',
    needs: pin === 'auth' ? { authPin: true } : { signPin: true },
    run: connected(async (client, ctx) => {
      const { prove, attempt } = steps(ctx, client);
      await requireTries(ctx, client, pin, maxTries, `before ${labels.before}`);
      await prove();
      await withRestore(ctx, client, async () => {
        for (let left = maxTries - 1; left >= 1; left--) {
          const nth = `${labels.secret} ${maxTries - left}`;
          await requireTries(ctx, client, pin, left + 1, `before wrong ${nth}`);
          const error = errorOf(await attempt('wrong'), Code.PIN_INCORRECT, `wrong ${nth}`);
          check(triesOf(error.data) === left, `data.triesLeft must be ${left}, got ${show(error.data)}`);
        }
        await requireTries(ctx, client, pin, 1, `after ${labels.after}`);
        await passLastTryGuard(ctx, client, pin, (confirmation) => attempt('right', confirmation));
      });
    }),
  };
}

function checkBusy(error: RpcErrorObject): void {
  const reason = (error.data as { reason?: unknown } | undefined)?.reason;
  check(
    reason === 'operation',
    `BUSY while another operation runs: data must be {"reason": "operation"}, got ${show(error.data)}`,
  );
}

export const pinCases: ConformanceCase[] = [
  {
    id: 'CK-32',
    title: 'a wrong auth PIN is PIN_INCORRECT (-32010) {triesLeft: 2}, one VERIFY; the right one restores 3',
    area: 'errors',
    ...onNormalCardWith({ authPin: true }, async (client, ctx) => {
      await requireTries(ctx, client, 'auth', 3, 'before the wrong PIN');
      await proveAuthPin(ctx, client);
      await withRestore(ctx, client, async () => {
        const [reply, apdus] = await apdusDuring(ctx, () =>
          client.call('sign', signParams(ctx, authPins(ctx).wrong)),
        );
        const error = errorOf(reply, Code.PIN_INCORRECT, 'sign with a wrong PIN');
        check(triesOf(error.data) === 2, `data.triesLeft must be 2, got ${show(error.data)}`);
        if (apdus)
          check(
            pinVerifies(apdus).length === 1,
            `${pinVerifies(apdus).length} VERIFY with a PIN, expected 1 (BR-MTH-7)`,
          );
        await requireTries(ctx, client, 'auth', 2, 'after one wrong PIN');
        resultOf(await client.call('sign', signParams(ctx, authPins(ctx).right)), 'sign with the right PIN');
        await requireTries(ctx, client, 'auth', 3, 'after the right PIN');
      });
    }),
  },
  {
    id: 'CK-33',
    title: 'a wrong sign password is PIN_INCORRECT {triesLeft: 4}; the right one restores 5',
    area: 'errors',
    ...onNormalCardWith({ signPin: true }, async (client, ctx) => {
      const { right, wrong } = signPins(ctx);
      const read = (pin: string) => client.call('readSignCertificate', { pin, ...ctx.readerParam() });
      await requireTries(ctx, client, 'sign', 5, 'before the wrong password');
      resultOf(await read(right), 'readSignCertificate with --sign-pin (proving it first)');
      const error = errorOf(
        await read(wrong),
        Code.PIN_INCORRECT,
        'readSignCertificate with a wrong password',
      );
      check(triesOf(error.data) === 4, `data.triesLeft must be 4, got ${show(error.data)}`);
      await requireTries(ctx, client, 'sign', 4, 'after one wrong password');
      resultOf(await read(right), 'readSignCertificate with the right password');
      await requireTries(ctx, client, 'sign', 5, 'after the right password');
    }),
  },
  {
    id: 'CK-34',
    title: 'auth PINs of the wrong shape are PIN_FORMAT (-32013) and never reach the card',
    area: 'errors',
    ...onNormalCard(async (client, ctx) => {
      await requireTries(ctx, client, 'auth', 3, 'before the malformed PINs');
      // Exactly 4 of '0'..'9': no line break, no full-width digits, nothing a bridge could normalise.
      const pins = ['123', '12345', 'abcd', '１２３４', '1234\n', '12 4', '', '+123'];
      // Padded forms of the real PIN: harmless even for a bridge that trims (BR-CARD-7 forbids it).
      if (ctx.options.authPin) pins.push(`${ctx.options.authPin}\n`, ` ${ctx.options.authPin}`);
      const [, apdus] = await apdusDuring(ctx, async () => {
        for (const pin of pins) {
          errorOf(
            await client.call('sign', signParams(ctx, pin)),
            Code.PIN_FORMAT,
            `sign with PIN ${show(pin)}`,
          );
          await requireTries(ctx, client, 'auth', 3, `after PIN ${show(pin)}`);
        }
      });
      if (apdus)
        check(pinVerifies(apdus).length === 0, 'a malformed PIN reached the card in a VERIFY (BR-MTH-5)');
    }),
  },
  {
    id: 'CK-35',
    title:
      'sign passwords of the wrong shape (and PINs of the other kind) are PIN_FORMAT; counters unchanged',
    area: 'errors',
    ...onNormalCard(async (client, ctx) => {
      await requireTries(ctx, client, 'sign', 5, 'before the malformed passwords');
      await requireTries(ctx, client, 'auth', 3, 'before the malformed passwords');
      const reader = ctx.readerParam();
      const attempts: [string, Record<string, unknown>, string][] = [
        ...[
          'abc123',
          'ABC12',
          'A'.repeat(17),
          'ABC-123',
          'ＡＢＣ１２３',
          'ABC123\n',
          '',
          // The real password in lower case or with a line break: only the exact bytes are a password.
          ...(ctx.options.signPin ? [`${ctx.options.signPin}\n`] : []),
          ...(ctx.options.signPin && /[A-Z]/.test(ctx.options.signPin)
            ? [ctx.options.signPin.toLowerCase()]
            : []),
        ].map((pin): [string, Record<string, unknown>, string] => [
          'readSignCertificate',
          { pin, ...reader },
          show(pin),
        ]),
        ['sign', signParams(ctx, '1234', { key: 'sign' }), 'sign key with a 4-digit PIN'],
        ['sign', signParams(ctx, 'ABC123', { key: 'auth' }), 'auth key with a password'],
      ];
      const [, apdus] = await apdusDuring(ctx, async () => {
        for (const [method, params, what] of attempts) {
          errorOf(await client.call(method, params), Code.PIN_FORMAT, `${method}: ${what}`);
          await requireTries(ctx, client, 'sign', 5, `after ${what}`);
        }
      });
      await requireTries(ctx, client, 'auth', 3, 'after the malformed passwords');
      if (apdus)
        check(
          pinVerifies(apdus).length === 0,
          'a malformed password reached the card in a VERIFY (BR-MTH-5)',
        );
    }),
  },
  lastTryGuardCase({
    id: 'CK-36',
    title:
      'last-try guard: after two wrong PINs the right one is refused (-32012) untouched; confirmed, it restores 3',
    pin: 'auth',
    maxTries: 3,
    labels: { secret: 'PIN', before: 'the first wrong PIN', after: 'two wrong PINs' },
    steps: (ctx, client) => ({
      prove: () => proveAuthPin(ctx, client),
      attempt: (which, extra) => client.call('sign', signParams(ctx, authPins(ctx)[which], extra)),
    }),
  }),
  lastTryGuardCase({
    id: 'CK-47',
    title:
      'sign password with one try left: readSignCertificate is refused (-32012) untouched; confirmed, it restores 5',
    pin: 'sign',
    maxTries: 5,
    labels: { secret: 'password', before: 'the first wrong password', after: 'four wrong passwords' },
    steps: (ctx, client) => {
      const read = (which: 'right' | 'wrong', extra: Record<string, unknown> = {}) =>
        client.call('readSignCertificate', { pin: signPins(ctx)[which], ...extra, ...ctx.readerParam() });
      return {
        prove: async () => {
          resultOf(await read('right'), 'readSignCertificate with --sign-pin (proving it first)');
        },
        attempt: read,
      };
    },
  }),
  {
    id: 'CK-37',
    title:
      'a card operation while another runs is BUSY (-32021) {reason: "operation"}, not queued; getStatus/register never BUSY',
    area: 'errors',
    card: 'normal',
    async run(ctx) {
      const client = await ctx.connect({ label: 'first' });
      const other = await ctx.connect({ label: 'second' });
      const reader = ctx.readerParam();
      const hold = ctx.stage.control.holdAnswers?.();
      if (hold) {
        // The kit is the card and holds its answer: the first operation is provably still running
        // while the others arrive, however slow the link to the bridge is.
        try {
          const running = client.call('getPinStatus', { pin: 'auth', ...reader });
          const first = await Promise.race([hold.reached.then(() => 'held'), running.then(() => 'answered')]);
          check(first === 'held', 'getPinStatus was answered without asking the card (BR-MTH-50)');
          const [same, across, status, register] = await Promise.all([
            client.call('readCertificate', { slot: 'auth', ...reader }),
            other.call('getPinStatus', { pin: 'sign', ...reader }),
            other.call('getStatus'),
            other.call('register', { event: 'statusChanged', id: 'conformance.busy' }),
          ]);
          checkBusy(
            errorOf(same, Code.BUSY, 'readCertificate on the same connection while getPinStatus runs'),
          );
          checkBusy(errorOf(across, Code.BUSY, 'getPinStatus on another connection while getPinStatus runs'));
          resultOf(status, 'getStatus while an operation runs');
          resultOf(register, 'register while an operation runs');
          hold.release();
          resultOf(await running, 'the running operation, once the card answered');
        } finally {
          hold.release();
        }
        ctx.note('overlap made certain by holding the card’s answer');
      } else {
        // Both calls leave in one write, so they reach the bridge together (one TCP segment on any
        // link that forwards bytes as they come), before the first can have finished.
        const together = client.callTogether([
          { method: 'readCertificate', params: { slot: 'auth', ...reader } },
          { method: 'getPinStatus', params: { pin: 'auth', ...reader } },
          { method: 'getStatus' },
        ]);
        const bystander = Promise.all([
          other.call('getStatus'),
          other.call('register', { event: 'statusChanged', id: 'conformance.busy' }),
        ]);
        const [replies, [otherStatus, register]] = await Promise.all([together, bystander]);
        const [read, second, status] = replies as [Reply, Reply, Reply];
        resultOf(read, 'the first operation (readCertificate)');
        checkBusy(errorOf(second, Code.BUSY, 'getPinStatus sent together with readCertificate'));
        resultOf(status, 'getStatus while an operation runs');
        resultOf(otherStatus, 'getStatus on another connection');
        resultOf(register, 'register on another connection');
      }
      resultOf(
        await client.call('getPinStatus', { pin: 'auth', ...reader }),
        'getPinStatus once the first operation ended',
      );
    },
  },
];

/** Hostile input: a burst of garbage, and error messages that must never repeat what was sent. */
import { check, show, type ConformanceCase } from '../case';
import type { Reply } from '../client';
import { Code, authPins, errorOf, requireTries, resultOf } from '../expect';

const BURST = 200;

/** Deterministic garbage (a fixed-seed generator), none of it a valid request or notification. */
export function garbageFrames(count: number, seed = 0x5eed): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const printable = (length: number) =>
    Array.from({ length }, () => String.fromCharCode(32 + (next() % 95))).join('');
  const makers = [
    () => `{"jsonrpc":"2.0","id":${next() % 100},"method":"MyNumberCard.1.sign","params":{`,
    () => printable(1 + (next() % 60)),
    () => JSON.stringify([next(), 'x', null]),
    () => String(next()),
    () => JSON.stringify({ jsonrpc: '2.0', params: { pin: '1234' } }),
    () => JSON.stringify({ method: next() }),
    () => `${'['.repeat(5000)}${']'.repeat(5000)}`,
    () => `"${printable(20).replace(/["\\]/g, '')}"`,
    () => `{"jsonrpc":"2.0","method":"MyNumberCard.1.getStatus"${printable(8)}`,
    () => '\u0000\u0001\u0002',
  ];
  return Array.from({ length: count }, (_, index) => makers[index % makers.length]!());
}

export const robustnessCases: ConformanceCase[] = [
  {
    id: 'CK-19',
    title: `a burst of ${BURST} garbage frames gets ${BURST} error answers (id null); other connections stay served`,
    area: 'json-rpc',
    async run(ctx) {
      const noisy = await ctx.connect({ label: 'noisy' });
      const other = await ctx.connect({ label: 'bystander' });
      const frames = garbageFrames(BURST);
      for (const frame of frames) noisy.sendText(frame);
      resultOf(await other.call('getStatus'), 'getStatus on another connection during the burst');
      for (let index = 0; index < frames.length; index++) {
        const reply = await noisy.reply(null);
        if (
          reply.kind !== 'error' ||
          (reply.error.code !== Code.PARSE && reply.error.code !== Code.REQUEST)
        ) {
          check(
            false,
            `garbage frame ${show(frames[index], 60)}: expected -32700 or -32600, got ${show(reply.raw)}`,
          );
        }
      }
      resultOf(await noisy.call('getStatus'), 'getStatus on the noisy connection after the burst');
      const surplus = noisy.untakenReplies();
      check(surplus.length === 0, `more answers than garbage frames: ${show(surplus.map((r) => r.raw))}`);
    },
  },
  {
    id: 'CK-20',
    title: 'error messages and data never repeat a value from the request (no PIN, no input text)',
    area: 'security',
    card: 'normal',
    needs: { authPin: true },
    async run(ctx) {
      const client = await ctx.connect();
      const reader = ctx.readerParam();
      const { right } = authPins(ctx);
      await requireTries(ctx, client, 'auth', 3, 'before sending malformed PINs');
      const probes: [secret: string, code: number, send: () => Promise<Reply>][] = [
        [
          '4711',
          Code.PARSE,
          async () => {
            client.sendText('{"jsonrpc":"2.0","id":1,"method":"MyNumberCard.1.sign","params":{"pin":"4711"');
            return client.reply(null);
          },
        ],
        [
          '98765',
          Code.PIN_FORMAT,
          () => client.call('sign', { ...signLike(right), ...reader, pin: '98765' }),
        ],
        [
          'secretpw9',
          Code.PIN_FORMAT,
          () => client.call('readSignCertificate', { pin: 'secretpw9', ...reader }),
        ],
        ['SECRET-SLOT-7f3a', Code.PARAMS, () => client.call('readCertificate', { slot: 'SECRET-SLOT-7f3a' })],
        ['x7q9secret', Code.METHOD, () => client.call('MyNumberCard.1.x7q9secret', {})],
        [
          'Zq'.repeat(70),
          Code.PARAMS,
          () => client.call('register', { event: 'statusChanged', id: 'Zq'.repeat(70) }),
        ],
      ];
      for (const [secret, code, send] of probes) {
        const error = errorOf(await send(), code, `probe "${secret.slice(0, 12)}"`);
        check(
          !JSON.stringify(error).includes(secret),
          `error ${code} repeats the request's value: ${show(error)}`,
        );
      }
      await requireTries(ctx, client, 'auth', 3, 'after the malformed PINs (none may reach the card)');
    },
  },
];

const signLike = (pin: string) => ({
  key: 'auth',
  pin,
  hash: 'SHA-256',
  digest: Buffer.alloc(32).toString('base64'),
});

/**
 * Hostile input: a burst of garbage, and error messages that must never repeat what was sent. The
 * burst stays under the limits after which a bridge closes the connection (BR-TRN-9).
 */
import { check, connected, onNormalCardWith, show, type ConformanceCase } from '../case';
import type { Reply } from '../client';
import { Code, authPins, digestOf, errorOf, requireTries, resultOf, expectStillServing } from '../expect';

/** A PIN-like marker no error message has a reason to contain. */
const MARKER = '9876';
/** Malformed frames holding the marker: a JSON parser's own message quotes some of them. */
const QUOTABLE_FRAMES = [
  `{"jsonrpc":"2.0","id":1,"method":"MyNumberCard.1.sign","params":{"pin":"${MARKER}`,
  `{"jsonrpc":"2.0","id":3,"method":"MyNumberCard.1.sign","params":{"pin":"${MARKER}"},"x":Zq${MARKER}}`,
  `Zq${MARKER} {"pin":"${MARKER}"}`,
  `{"jsonrpc":"2.0","id":4,"method":"MyNumberCard.1.sign","params":{"pin":[${MARKER}Zq]}}`,
];

/** The first run of 8 characters of `input` that `text` repeats, if any. */
function quoted(text: string, input: string): string | undefined {
  for (let i = 0; i + 8 <= input.length; i++) {
    const window = input.slice(i, i + 8);
    if (text.includes(window)) return window;
  }
  return undefined;
}

const BURST = 150;
const WINDOW = 8;

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

const quotingCase: ConformanceCase = {
  id: 'CK-51',
  title: 'a parse error (or any error) never quotes the text or values it was sent',
  area: 'security',
  run: connected(async (client) => {
    const frames: [string, boolean][] = [
      ...QUOTABLE_FRAMES.map((frame): [string, boolean] => [frame, false]),
      [QUOTABLE_FRAMES[1]!, true],
    ];
    for (const [frame, binary] of frames) {
      if (binary) client.sendBinary(Buffer.from(frame));
      else client.sendText(frame);
      const reply = await client.reply(null);
      const error = errorOf(reply, Code.PARSE, `${binary ? 'binary frame' : 'frame'} ${show(frame, 60)}`);
      const repeated = quoted(error.message, frame);
      check(
        repeated === undefined,
        `the parse error's message quotes the received text (${show(repeated)}): ${show(error.message)} (BR-RPC-9)`,
      );
      check(
        !JSON.stringify(reply.raw).includes(MARKER),
        `the parse error repeats the PIN-like ${MARKER} it was sent: ${show(reply.raw)} (BR-RPC-9)`,
      );
    }
    const probes: [secret: string, method: string, params: unknown][] = [
      [MARKER, 'sign', { key: 'auth', pin: MARKER, hash: 'SHA-256', digest: 'AAAA' }],
      [MARKER, 'sign', { key: 'auth', pin: MARKER, hash: 'SHA-1', digest: digestOf('x') }],
      ['ZQSECRET77', 'readSignCertificate', { pin: 'ZQSECRET77', extra: 'ZQSECRET77' }],
      [MARKER, 'getPinStatus', { pin: MARKER }],
    ];
    for (const [secret, method, params] of probes) {
      const reply = await client.call(method, params);
      const error = errorOf(reply, Code.PARAMS, `${method} with invalid params`);
      check(
        !JSON.stringify(reply.raw).includes(secret),
        `-32602 repeats a value of the request (${secret}): ${show(error)} (BR-RPC-9, BR-SEC-11)`,
      );
    }
    await expectStillServing(client, 'the errors');
  }),
};

export const robustnessCases: ConformanceCase[] = [
  quotingCase,
  {
    id: 'CK-19',
    title: `a burst of ${BURST} garbage frames gets ${BURST} error answers (id null); other connections stay served`,
    area: 'json-rpc',
    async run(ctx) {
      const noisy = await ctx.connect({ label: 'noisy' });
      const other = await ctx.connect({ label: 'bystander' });
      const frames = garbageFrames(BURST);
      // At most WINDOW frames await their answers at a time: a bridge may close a connection with
      // more than 16 calls in flight (BR-TRN-9), and this case is about garbage, not that limit.
      let sent = 0;
      const sendMore = () => {
        while (sent < frames.length && sent < answered + WINDOW) noisy.sendText(frames[sent++]!);
      };
      let answered = 0;
      sendMore();
      resultOf(await other.call('getStatus'), 'getStatus on another connection during the burst');
      for (let index = 0; index < frames.length; index++) {
        const reply = await noisy.reply(null);
        answered++;
        sendMore();
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
    ...onNormalCardWith({ authPin: true }, async (client, ctx) => {
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
    }),
  },
];

const signLike = (pin: string) => ({
  key: 'auth',
  pin,
  hash: 'SHA-256',
  digest: Buffer.alloc(32).toString('base64'),
});

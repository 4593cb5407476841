/**
 * Hostile JSON-RPC frames for the fuzz test, from a seeded PRNG. Each frame says whether the bridge
 * owes an answer (`reply`), whether it is a text frame with invalid UTF-8 (the connection then
 * closes with 1007), and the id a reply must carry when the frame has one the bridge can echo.
 */
import { seededRandom } from '../../mocks/seeded-random';

export interface FuzzFrame {
  kind: string;
  data: string | Buffer;
  binary: boolean;
  /** Exactly one answer is owed (false: a notification, or a frame that ends the connection). */
  reply: boolean;
  /** The id the one answer must carry (frames whose id the protocol allows and the bridge can read). */
  id?: string | number;
  /** The frame is text with invalid UTF-8: the connection ends with 1007. */
  closes?: number;
}

const METHODS = [
  'MyNumberCard.1.getStatus',
  'MyNumberCard.1.readCertificate',
  'MyNumberCard.1.getPinStatus',
  'MyNumberCard.1.sign',
  'MyNumberCard.1.register',
  'MyNumberCard.1.unregister',
  'MyNumberCard.1.readSignCertificate',
  'MyNumberCard.2.getStatus',
  'Nope.1.x',
  '__proto__',
  'constructor',
  'MyNumberCardSimulator.1.getScenario',
];

export function frameGenerator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  let serial = 0;

  const junkValue = (depth = 0): unknown => {
    switch (int(depth > 3 ? 6 : 9)) {
      case 0:
        return null;
      case 1:
        return random() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER]);
      case 3:
        return 'x'.repeat(int(40));
      case 4:
        return pick(['auth', 'sign', 'authCA', 'SHA-256', '1234', '', '\u0000', '😀', '\ud800']);
      case 5:
        return pick(METHODS);
      case 6:
        return Array.from({ length: int(4) }, () => junkValue(depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = int(4); i > 0; i--) {
          object[pick(['pin', 'slot', 'key', 'digest', 'hash', 'event', 'id', 'reader', '__proto__'])] =
            junkValue(depth + 1);
        }
        return object;
      }
    }
  };

  const text = (kind: string, data: string, reply = true, id?: string | number): FuzzFrame => ({
    kind,
    data,
    binary: false,
    reply,
    ...(id === undefined ? {} : { id }),
  });

  const makers: Array<[weight: number, make: () => FuzzFrame]> = [
    [
      20,
      () => {
        const valid = JSON.stringify({ jsonrpc: '2.0', id: ++serial, method: pick(METHODS) });
        const cut = valid.slice(0, int(valid.length));
        return text('malformed', pick([cut, `${valid}}`, valid.replace(/"/g, "'"), '{', ']', 'NaN', '']));
      },
    ],
    [
      25,
      () =>
        text(
          'wrong-types',
          JSON.stringify({
            jsonrpc: pick(['2.0', '1.0', 2, null]),
            id: ++serial,
            method: pick(METHODS),
            params: junkValue(),
          }),
          true,
          serial,
        ),
    ],
    [10, () => text('not-an-object', JSON.stringify(junkValue()) ?? 'null')],
    [
      8,
      () => {
        const id = pick<unknown>([
          1e308,
          -1e308,
          2 ** 64,
          0.5,
          'i'.repeat(129 + int(4000)),
          [1],
          { a: 1 },
          true,
          -0,
        ]);
        return text('huge-id', JSON.stringify({ jsonrpc: '2.0', id, method: 'MyNumberCard.1.getStatus' }));
      },
    ],
    [
      4,
      () => {
        const depth = pick([100, 1000, 10_000]);
        const open = random() < 0.5 ? '[' : '{"a":';
        const close = open === '[' ? ']' : '}';
        return text('deep-nesting', open.repeat(depth) + '1' + close.repeat(depth));
      },
    ],
    [
      4,
      () => {
        const size = int(60 * 1024);
        return text(
          'long-string',
          JSON.stringify({
            jsonrpc: '2.0',
            id: ++serial,
            method: 'MyNumberCard.1.getStatus',
            params: { pad: 'p'.repeat(size) },
          }),
          true,
          serial,
        );
      },
    ],
    [
      2,
      () => {
        const size = 64 * 1024 + 1 + int(200 * 1024);
        return text(
          'over-64KiB',
          JSON.stringify({
            jsonrpc: '2.0',
            id: ++serial,
            method: 'MyNumberCard.1.sign',
            params: { pin: 'p'.repeat(size) },
          }),
        );
      },
    ],
    [
      6,
      () => ({
        kind: 'binary',
        data: Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256))),
        binary: true,
        reply: true,
      }),
    ],
    [
      8,
      () =>
        text(
          'notification',
          JSON.stringify({ jsonrpc: '2.0', method: pick(METHODS), params: { x: junkValue() } }),
          false,
        ),
    ],
    [
      12,
      () => {
        const method = pick([
          'MyNumberCard.1.getStatus',
          'MyNumberCard.1.getPinStatus',
          'MyNumberCard.1.readCertificate',
          'MyNumberCard.1.register',
        ]);
        const params = pick<unknown>([
          { pin: 'auth' },
          { slot: 'authCA' },
          { event: 'statusChanged', id: `f${serial}` },
          {},
          [],
        ]);
        const id = `v${++serial}`;
        return text('valid-ish', JSON.stringify({ jsonrpc: '2.0', id, method, params }), true, id);
      },
    ],
    [
      1,
      () => ({
        kind: 'invalid-utf8',
        data: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
        binary: false,
        reply: false,
        closes: 1007,
      }),
    ],
  ];
  const total = makers.reduce((sum, [weight]) => sum + weight, 0);

  return (): FuzzFrame => {
    let roll = random() * total;
    for (const [weight, make] of makers) {
      roll -= weight;
      if (roll < 0) return make();
    }
    return makers[0]![1]();
  };
}

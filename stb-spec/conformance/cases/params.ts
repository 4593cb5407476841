/**
 * Invalid params (-32602) in every shape: missing, wrong type, unknown members, values outside the
 * schema, bad digests. The bridge must refuse them before it chooses a reader or touches a card
 * (BR-MTH-9), so these cases need no card; where a PIN is needed to make the rest valid, the kit
 * sends the test card's own PIN (or one of the wrong format), never a wrong one that could cost a try.
 */
import { check, connected, type CaseContext, type ConformanceCase } from '../case';
import { Code, digestOf, errorOf, expectStillServing } from '../expect';

/** A PIN that costs nothing if a broken bridge sends it to the card anyway. */
const harmlessPin = (ctx: CaseContext) => ctx.options.authPin ?? '12345';

const validSign = (ctx: CaseContext) => ({
  key: 'auth',
  pin: harmlessPin(ctx),
  hash: 'SHA-256',
  digest: digestOf('params'),
});

type Call = [method: string, params: unknown, why: string];

function paramsCase(id: string, title: string, calls: (ctx: CaseContext) => Call[]): ConformanceCase {
  return {
    id,
    title,
    area: 'json-rpc',
    run: connected(async (client, ctx) => {
      for (const [method, params, why] of calls(ctx)) {
        const error = errorOf(await client.call(method, params), Code.PARAMS, `${method} ${why}`);
        check(typeof error.message === 'string', 'error.message must be a string');
      }
      await expectStillServing(client, 'the invalid params');
    }),
  };
}

/** base64 of `bytes` bytes (standard alphabet, padded). */
const digestOfLength = (bytes: number) => Buffer.alloc(bytes, 0x5a).toString('base64');

export const paramsCases: ConformanceCase[] = [
  paramsCase('CK-12', 'missing required params get -32602 (absent params mean {})', (ctx) => {
    const { digest: _digest, ...noDigest } = validSign(ctx);
    const { pin: _pin, ...noPin } = validSign(ctx);
    const { key: _key, ...noKey } = validSign(ctx);
    const { hash: _hash, ...noHash } = validSign(ctx);
    return [
      ['readCertificate', {}, 'without slot'],
      ['readCertificate', undefined, 'without params'],
      ['getPinStatus', {}, 'without pin'],
      ['readSignCertificate', {}, 'without pin'],
      ['sign', noDigest, 'without digest'],
      ['sign', noPin, 'without pin'],
      ['sign', noKey, 'without key'],
      ['sign', noHash, 'without hash'],
      ['register', { event: 'statusChanged' }, 'without id'],
      ['unregister', {}, 'without event and id'],
    ];
  }),
  paramsCase('CK-13', 'params of the wrong type (and positional params) get -32602', (ctx) => [
    ['readCertificate', { slot: 1 }, 'slot 1'],
    ['readCertificate', ['auth'], 'positional ["auth"]'],
    ['getStatus', ['x'], 'positional ["x"]'],
    ['getPinStatus', { pin: true }, 'pin true'],
    ['getPinStatus', { pin: 'auth', reader: 5 }, 'reader 5'],
    ['sign', { ...validSign(ctx), pin: 1234 }, 'pin as a number'],
    ['sign', { ...validSign(ctx), digest: 5 }, 'digest 5'],
    ['sign', { ...validSign(ctx), confirmLastAttempt: 1 }, 'confirmLastAttempt 1'],
    ['readSignCertificate', { pin: 123456 }, 'pin as a number'],
    ['register', { event: 'statusChanged', id: 5 }, 'id 5'],
  ]),
  paramsCase(
    'CK-14',
    'unknown members and values outside the schema get -32602 (no slot reads the sign certificate)',
    (ctx) => [
      ['getStatus', { x: 1 }, '{x: 1}'],
      ['readCertificate', { slot: 'auth', extra: true }, 'an extra member'],
      ['readCertificate', { slot: 'sign' }, 'slot "sign" (needs the password: readSignCertificate)'],
      ['readCertificate', { slot: 'individualNumber' }, 'slot "individualNumber"'],
      ['readCertificate', { slot: 'AUTH' }, 'slot "AUTH"'],
      ['getPinStatus', { pin: 'all' }, 'pin "all"'],
      ['sign', { ...validSign(ctx), hash: 'SHA-1' }, 'hash "SHA-1"'],
      ['sign', { ...validSign(ctx), key: 'other' }, 'key "other"'],
      ['sign', { ...validSign(ctx), confirmLastAttempt: false }, 'confirmLastAttempt false'],
      ['sign', { ...validSign(ctx), confirmLastAttempt: '' }, 'an empty confirmLastAttempt'],
      [
        'sign',
        { ...validSign(ctx), confirmLastAttempt: 'c'.repeat(129) },
        'confirmLastAttempt of 129 characters',
      ],
      [
        'readSignCertificate',
        { pin: ctx.options.signPin ?? 'x', confirmLastAttempt: false },
        'confirmLastAttempt false',
      ],
      ['sign', { ...validSign(ctx), extra: 1 }, 'an extra member'],
      ['register', { event: 'cardInserted', id: 'x' }, 'event "cardInserted"'],
      ['register', { event: 'statusChanged', id: '' }, 'an empty id'],
      ['register', { event: 'statusChanged', id: 'x'.repeat(129) }, 'an id of 129 characters'],
    ],
  ),
  paramsCase('CK-15', 'a digest that is not standard base64 gets -32602', (ctx) => [
    ['sign', { ...validSign(ctx), digest: 'not base64!' }, 'digest "not base64!"'],
    ['sign', { ...validSign(ctx), digest: `${'A'.repeat(42)}-=` }, 'base64url alphabet'],
    [
      'sign',
      { ...validSign(ctx), digest: `${digestOf('x').slice(0, 20)}\n${digestOf('x').slice(20)}` },
      'a line break',
    ],
    ['sign', { ...validSign(ctx), digest: `${digestOf('x')}==` }, 'too much padding'],
  ]),
  paramsCase('CK-16', 'a digest that does not decode to exactly 32 bytes gets -32602', (ctx) =>
    [0, 16, 31, 33, 48, 64].map((bytes): Call => [
      'sign',
      { ...validSign(ctx), digest: digestOfLength(bytes) },
      `digest of ${bytes} bytes`,
    ]),
  ),
];

/**
 * The card bridge protocol v1: every method's params and result as JSON Schema (TypeBox), so the
 * bridge, the app's client and the conformance kit share one source of types and validation, and
 * stb-spec/schemas/ is generated from here. Names are fixed by the design brief: extend, don't rename.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

import type { MethodName } from './names';

export * from './names';

const base64 = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', contentEncoding: 'base64', description });

export const CardState = Type.Union(
  [Type.Literal('absent'), Type.Literal('present'), Type.Literal('unsupported'), Type.Literal('mute')],
  {
    description:
      'absent: no card; present: a My Number Card; unsupported: a card without the JPKI AP; mute: no ATR',
  },
);

export const ReaderName = Type.String({ minLength: 1, maxLength: 256, description: 'PC/SC reader name' });

export const Status = Type.Object(
  {
    readers: Type.Array(Type.Object({ name: ReaderName, card: CardState }, { additionalProperties: false })),
    token: Type.Optional(
      Type.Literal('JPKIAPICCTOKEN2', { description: 'present when a My Number Card is in a reader' }),
    ),
  },
  { additionalProperties: false },
);
export type Status = Static<typeof Status>;

const optionalReader = { reader: Type.Optional(ReaderName) };
const NoParams = Type.Union([
  Type.Object({}, { additionalProperties: false }),
  Type.Array(Type.Unknown(), { maxItems: 0 }),
]);

/** The auth PIN is exactly 4 digits; the signature password 6–16 of A–Z 0–9 (checked before the card). */
export const AuthPin = Type.String({ description: 'user-authentication PIN: exactly 4 digits' });
export const SignPassword = Type.String({
  description: 'signature password: 6–16 characters of A–Z and 0–9',
});

/**
 * `confirmLastAttempt`: the one-time value from LAST_ATTEMPT_NEEDS_CONFIRMATION's data. `true` (the
 * draft's first form) and any other string are accepted by the schema but never confirm: the
 * bridge answers -32012 again with a fresh value, and the card is not touched.
 */
export const ConfirmLastAttempt = Type.Union(
  [Type.String({ minLength: 1, maxLength: 128 }), Type.Literal(true)],
  {
    description:
      'the one-time value from the last LAST_ATTEMPT_NEEDS_CONFIRMATION answer on this connection, sent only after the viewer confirmed spending the last try',
  },
);

export const Methods = {
  getStatus: { params: Type.Optional(NoParams), result: Status },
  readCertificate: {
    params: Type.Object(
      {
        slot: Type.Union([Type.Literal('auth'), Type.Literal('authCA'), Type.Literal('signCA')]),
        ...optionalReader,
      },
      { additionalProperties: false },
    ),
    result: Type.Object({ der: base64('the certificate, DER') }, { additionalProperties: false }),
  },
  readSignCertificate: {
    params: Type.Object(
      { pin: SignPassword, confirmLastAttempt: Type.Optional(ConfirmLastAttempt), ...optionalReader },
      { additionalProperties: false },
    ),
    result: Type.Object({ der: base64('the signature certificate, DER') }, { additionalProperties: false }),
  },
  getPinStatus: {
    params: Type.Object(
      { pin: Type.Union([Type.Literal('auth'), Type.Literal('sign')]), ...optionalReader },
      { additionalProperties: false },
    ),
    result: Type.Object(
      {
        triesLeft: Type.Integer({ minimum: 0, maximum: 15 }),
        maxTries: Type.Integer({ minimum: 1, maximum: 15 }),
        locked: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
  },
  sign: {
    params: Type.Object(
      {
        key: Type.Union([Type.Literal('auth'), Type.Literal('sign')]),
        pin: Type.String({ description: 'the PIN of the same kind as the key' }),
        hash: Type.Literal('SHA-256'),
        digest: Type.String({
          pattern: '^[A-Za-z0-9+/]{43}=$',
          contentEncoding: 'base64',
          description: 'the 32-byte SHA-256 digest of the message, base64',
        }),
        confirmLastAttempt: Type.Optional(ConfirmLastAttempt),
        ...optionalReader,
      },
      { additionalProperties: false },
    ),
    result: Type.Object(
      { signature: base64('RSASSA-PKCS1-v1_5 signature, 256 bytes') },
      { additionalProperties: false },
    ),
  },
  register: {
    params: Type.Object(
      { event: Type.Literal('statusChanged'), id: Type.String({ minLength: 1, maxLength: 128 }) },
      { additionalProperties: false },
    ),
    result: Type.Literal(0),
  },
  unregister: {
    params: Type.Object(
      { event: Type.Literal('statusChanged'), id: Type.String({ minLength: 1, maxLength: 128 }) },
      { additionalProperties: false },
    ),
    result: Type.Literal(0),
  },
} as const satisfies Record<MethodName, { params: TSchema; result: TSchema }>;

export type ParamsOf<M extends MethodName> = Static<(typeof Methods)[M]['params']>;
export type ResultOf<M extends MethodName> = Static<(typeof Methods)[M]['result']>;

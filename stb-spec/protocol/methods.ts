/**
 * The card bridge protocol v1: every method's params and result as JSON Schema (TypeBox), so the
 * bridge, the app's client and the conformance kit share one source of types and validation, and
 * stb-spec/schemas/ is generated from here. Names are fixed by the design brief: extend, don't rename.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

import { CARD_ID_PATTERN, type MethodName } from './names';

export * from './names';

const base64 = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', contentEncoding: 'base64', description });

/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const CardState = Type.Union(
  [
    Type.Literal('absent'),
    Type.Literal('checking'),
    Type.Literal('present'),
    Type.Literal('unsupported'),
    Type.Literal('mute'),
  ],
  {
    description:
      'absent: no card; checking: a card is in and being classified; present: a My Number Card; unsupported: a card without the JPKI AP; mute: no ATR, or no answer to its classification',
  },
);

/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const ReaderName = Type.String({ minLength: 1, maxLength: 256, description: 'PC/SC reader name' });

/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const CardId = Type.String({
  pattern: CARD_ID_PATTERN,
  description: 'random per insertion (16 bytes, base64url); a new insertion of the same card gets a new one',
});

/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const ReaderService = Type.Union([Type.Literal('running'), Type.Literal('unavailable')], {
  description: 'unavailable: the PC/SC service (pcscd) is down or restarting; readers is then empty',
});

export const Status = Type.Object(
  {
    readerService: ReaderService,
    readers: Type.Array(
      Type.Object(
        {
          name: ReaderName,
          card: CardState,
          cardId: Type.Optional(
            Type.Unsafe<string>({ ...CardId, description: 'present exactly when card is not absent' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    token: Type.Optional(
      Type.Literal('JPKIAPICCTOKEN2', { description: "present exactly when a reader's card is present" }),
    ),
    cardId: Type.Optional(
      Type.Unsafe<string>({
        ...CardId,
        description: "the My Number Card's identity: present exactly when token is",
      }),
    ),
  },
  { additionalProperties: false },
);
export type Status = Static<typeof Status>;

/**
 * Every card operation may name the card it means (`cardId` from getStatus or an event; the app
 * always does): when the card in the reader is another, or gone, the bridge answers CARD_CHANGED
 * and sends nothing to the card.
 */
const optionalReader = { reader: Type.Optional(ReaderName), cardId: Type.Optional(CardId) };
const NoParams = Type.Union([
  Type.Object({}, { additionalProperties: false }),
  Type.Array(Type.Unknown(), { maxItems: 0 }),
]);

/**
 * The auth PIN is exactly 4 digits; the signature password 6–16 of A–Z 0–9 (checked before the card).
 * @public
 */
export const AuthPin = Type.String({ description: 'user-authentication PIN: exactly 4 digits' });
/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const SignPassword = Type.String({
  description: 'signature password: 6–16 characters of A–Z and 0–9',
});

/**
 * `confirmLastAttempt`: the one-time value from LAST_ATTEMPT_NEEDS_CONFIRMATION's data. `true` (the
 * draft's first form) and any other string are accepted by the schema but never confirm: the
 * bridge answers -32012 again with a fresh value, and the card is not touched.
 *
 * @public
 */
export const ConfirmLastAttempt = Type.Union(
  [Type.String({ minLength: 1, maxLength: 128 }), Type.Literal(true)],
  {
    description:
      'the one-time value from the last LAST_ATTEMPT_NEEDS_CONFIRMATION answer on this connection, sent only after the viewer confirmed spending the last try',
  },
);

/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const Capability = Type.Union(
  [Type.Literal('cardId'), Type.Literal('lastAttemptConfirmation'), Type.Literal('readerAllowList')],
  { description: 'a feature of this draft the bridge implements' },
);

export const Info = Type.Object(
  {
    specVersion: Type.String({ pattern: '^[0-9]+\\.[0-9]+$', description: 'the spec document version' }),
    protocolVersion: Type.Literal(1),
    implementation: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 64 }),
        version: Type.String({ minLength: 1, maxLength: 64 }),
      },
      { additionalProperties: false },
    ),
    capabilities: Type.Array(Capability, { uniqueItems: true }),
    limits: Type.Object(
      {
        maxConnections: Type.Integer({ minimum: 1 }),
        maxPendingCalls: Type.Integer({ minimum: 1 }),
        maxMessagesPerSecond: Type.Integer({ minimum: 1 }),
        maxRegistrations: Type.Integer({ minimum: 1 }),
        maxUnreadBytes: Type.Integer({ minimum: 1 }),
        maxMessageBytes: Type.Integer({ minimum: 1 }),
        cardOperationTimeoutMs: Type.Integer({ minimum: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type Info = Static<typeof Info>;

export const Methods = {
  getInfo: { params: Type.Optional(NoParams), result: Info },
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

/** Every method on a fresh My Number card: shapes, certificates, counters, signatures, registration. */
import { verify, type X509Certificate } from 'node:crypto';
import {
  check,
  connected,
  onNormalCard,
  onNormalCardWith,
  sameJson,
  show,
  type CaseContext,
  type ConformanceCase,
} from '../case';
import type { KitClient } from '../client';
import {
  apdusDuring,
  authPins,
  certificate,
  pinStatus,
  pinVerifies,
  readCertificate,
  requireTries,
  resultOf,
  sha256,
  signPins,
} from '../expect';

/** SHA-256 DigestInfo prefix (spec §5.2): the card, not the bridge, adds the PKCS#1 padding. */
const DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function sameBytes(cert: X509Certificate, expected: Uint8Array | undefined, what: string): void {
  if (expected)
    check(cert.raw.equals(Buffer.from(expected)), `${what}: not the exact DER the card holds (BR-MTH-30)`);
}

function issuedBy(cert: X509Certificate, ca: X509Certificate, what: string): void {
  check(cert.checkIssued(ca) && cert.verify(ca.publicKey), `${what}: not signed by its CA certificate`);
}

async function signAndVerify(
  ctx: CaseContext,
  client: KitClient,
  key: 'auth' | 'sign',
  pin: string,
  message: string,
  publicKeyOf: X509Certificate,
): Promise<Uint8Array[] | undefined> {
  const digest = sha256(message);
  const [reply, apdus] = await apdusDuring(ctx, () =>
    client.call('sign', {
      key,
      pin,
      hash: 'SHA-256',
      digest: digest.toString('base64'),
      ...ctx.readerParam(),
    }),
  );
  const { signature } = resultOf<{ signature: string }>(reply, `sign with the ${key} key`);
  const bytes = Buffer.from(signature, 'base64');
  check(bytes.length === 256, `the signature is ${bytes.length} bytes, expected 256`);
  check(
    verify('sha256', Buffer.from(message), publicKeyOf.publicKey, bytes),
    `the ${key} signature does not verify with the ${key} certificate's public key (RSASSA-PKCS1-v1_5, SHA-256)`,
  );
  if (apdus) {
    check(
      pinVerifies(apdus).length === 1,
      `sign sent ${pinVerifies(apdus).length} VERIFY with a PIN, expected exactly 1`,
    );
    const compute = apdus.find((apdu) => apdu[0] === 0x80 && apdu[1] === 0x2a);
    const expected = Buffer.concat([
      Buffer.from([0x80, 0x2a, 0x00, 0x80, 0x33]),
      DIGEST_INFO_PREFIX,
      digest,
      Buffer.of(0),
    ]);
    check(
      compute && Buffer.from(compute).equals(expected),
      'COMPUTE DIGITAL SIGNATURE must carry the bare DigestInfo (BR-CARD-9)',
    );
  }
  return apdus;
}

export const methodCases: ConformanceCase[] = [
  {
    id: 'CK-21',
    title: 'getStatus: schema, the card "present" with the token, params absent/{}/[] alike, no APDU sent',
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const started = performance.now();
      const [replies, apdus] = await apdusDuring(ctx, async () => [
        await client.call('getStatus'),
        await client.call('getStatus', {}),
        await client.call('getStatus', []),
      ]);
      ctx.note(`3 getStatus calls in ${Math.round(performance.now() - started)} ms`);
      const [first, ...others] = replies.map((reply, n) => resultOf(reply, `getStatus #${n + 1}`));
      for (const other of others)
        check(sameJson(first, other), `getStatus answers differ: ${show(first)} vs ${show(other)}`);
      const status = first as { readers: { name: string; card: string }[]; token?: string };
      check(
        ctx.stage.stateIn(status as never) === 'present',
        `no reader reports the card as present: ${show(status)}`,
      );
      check(
        status.token === 'JPKIAPICCTOKEN2',
        'token must be "JPKIAPICCTOKEN2" while a My Number Card is present',
      );
      const names = status.readers.map((r) => r.name);
      check(new Set(names).size === names.length, `reader names repeat: ${show(names)}`);
      if (apdus) check(apdus.length === 0, `getStatus sent ${apdus.length} APDUs to the card (BR-MTH-20)`);
    }),
  },
  {
    id: 'CK-22',
    title: 'readCertificate auth: the exact X.509 DER, signed by the authCA certificate',
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const auth = await readCertificate(ctx, client, 'auth');
      sameBytes(auth, ctx.known?.credentials?.authCertificate, 'auth certificate');
      issuedBy(auth, await readCertificate(ctx, client, 'authCA'), 'auth certificate');
    }),
  },
  {
    id: 'CK-23',
    title: 'readCertificate authCA and signCA: X.509 DER CA certificates',
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const authCa = await readCertificate(ctx, client, 'authCA');
      const signCa = await readCertificate(ctx, client, 'signCA');
      sameBytes(authCa, ctx.known?.credentials?.authCaCertificate, 'authCA certificate');
      sameBytes(signCa, ctx.known?.credentials?.signCaCertificate, 'signCA certificate');
      check(authCa.ca && signCa.ca, 'authCA and signCA must be CA certificates');
    }),
  },
  {
    id: 'CK-24',
    title:
      'readSignCertificate with the password: the sign certificate, signed by signCA; counter stays full',
    area: 'methods',
    ...onNormalCardWith({ signPin: true }, async (client, ctx) => {
      await requireTries(ctx, client, 'sign', 5, 'before readSignCertificate');
      const reply = await client.call('readSignCertificate', {
        pin: signPins(ctx).right,
        ...ctx.readerParam(),
      });
      const sign = certificate(
        resultOf<{ der: string }>(reply, 'readSignCertificate').der,
        'sign certificate',
      );
      sameBytes(sign, ctx.known?.credentials?.signCertificate, 'sign certificate');
      issuedBy(sign, await readCertificate(ctx, client, 'signCA'), 'sign certificate');
      const auth = await readCertificate(ctx, client, 'auth');
      check(!auth.raw.equals(sign.raw), 'readSignCertificate returned the auth certificate');
      await requireTries(ctx, client, 'sign', 5, 'after readSignCertificate');
    }),
  },
  {
    id: 'CK-25',
    title: 'getPinStatus auth: {triesLeft: 3, maxTries: 3, locked: false}, without spending a try',
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const [status, apdus] = await apdusDuring(ctx, () => pinStatus(ctx, client, 'auth'));
      check(
        sameJson(status, { triesLeft: 3, maxTries: 3, locked: false }),
        `getPinStatus auth: ${show(status)}`,
      );
      if (apdus)
        check(pinVerifies(apdus).length === 0, 'getPinStatus sent a VERIFY carrying data (BR-MTH-50)');
    }),
  },
  {
    id: 'CK-26',
    title: 'getPinStatus sign: {triesLeft: 5, maxTries: 5, locked: false}',
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const status = await pinStatus(ctx, client, 'sign');
      check(
        sameJson(status, { triesLeft: 5, maxTries: 5, locked: false }),
        `getPinStatus sign: ${show(status)}`,
      );
    }),
  },
  {
    id: 'CK-27',
    title: 'sign with the auth key: signatures verify with the auth certificate; each call verifies the PIN',
    area: 'methods',
    ...onNormalCardWith({ authPin: true }, async (client, ctx) => {
      await requireTries(ctx, client, 'auth', 3, 'before signing');
      const auth = await readCertificate(ctx, client, 'auth');
      await signAndVerify(ctx, client, 'auth', authPins(ctx).right, 'conformance login 1', auth);
      await signAndVerify(ctx, client, 'auth', authPins(ctx).right, 'conformance login 2', auth);
      await requireTries(ctx, client, 'auth', 3, 'after signing');
    }),
  },
  {
    id: 'CK-28',
    title: 'sign with the sign key and password: the signature verifies with the sign certificate',
    area: 'methods',
    ...onNormalCardWith({ signPin: true }, async (client, ctx) => {
      await requireTries(ctx, client, 'sign', 5, 'before signing');
      const { right } = signPins(ctx);
      const der = resultOf<{ der: string }>(
        await client.call('readSignCertificate', { pin: right, ...ctx.readerParam() }),
        'readSignCertificate',
      ).der;
      await signAndVerify(
        ctx,
        client,
        'sign',
        right,
        'conformance document',
        certificate(der, 'sign certificate'),
      );
      await requireTries(ctx, client, 'sign', 5, 'after signing');
    }),
  },
  {
    id: 'CK-29',
    title: 'register and unregister answer 0 (twice, and for an unknown id); no notification on register',
    area: 'events',
    run: connected(async (client) => {
      const params = { event: 'statusChanged', id: 'conformance.ck29' };
      for (const [method, what] of [
        ['register', 'register'],
        ['register', 'register again'],
        ['unregister', 'unregister'],
        ['unregister', 'unregister again'],
      ] as const) {
        check(resultOf(await client.call(method, params), what) === 0, `${what} must answer 0`);
      }
      const unknown = await client.call('unregister', { event: 'statusChanged', id: 'never.registered' });
      check(
        resultOf(unknown, 'unregister of an unknown id') === 0,
        'unregister of an unknown id must answer 0',
      );
      resultOf(await client.call('register', params), 'register');
      await new Promise((resolve) => setTimeout(resolve, 500));
      check(
        client.notifications().length === 0,
        `notification sent on register: ${show(client.notifications())}`,
      );
    }),
  },
  {
    id: 'CK-30',
    title: "the reader param selects the card's reader; without it the reader holding the card is used",
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const name = await ctx.stage.cardReader();
      check(name, 'no reader holds the card');
      resultOf(
        await client.call('getPinStatus', { pin: 'auth', reader: name }),
        `getPinStatus with reader "${name}"`,
      );
      const named = resultOf<{ der: string }>(
        await client.call('readCertificate', { slot: 'auth', reader: name }),
        `readCertificate with reader "${name}"`,
      );
      const status = await ctx.stage.status();
      const cards = status.readers.filter((r) => r.card !== 'absent');
      if (cards.length !== 1) {
        ctx.note(`default reader choice not checked: ${cards.length} readers hold a card`);
        return;
      }
      const chosen = resultOf<{ der: string }>(
        await client.call('readCertificate', { slot: 'auth' }),
        'readCertificate without reader',
      );
      check(
        chosen.der === named.der,
        'without reader the bridge read another card than the one in the only card reader',
      );
    }),
  },
  {
    id: 'CK-31',
    title: 'an unknown reader name is NO_READER (-32001) for every card operation; no try spent',
    area: 'errors',
    ...onNormalCard(async (client, ctx) => {
      const reader = 'No Such Reader (conformance) 99 99';
      const calls: [string, Record<string, unknown>][] = [
        ['readCertificate', { slot: 'auth', reader }],
        ['getPinStatus', { pin: 'auth', reader }],
      ];
      // Only PINs that cannot cost a try if a broken bridge ignored the reader.
      if (ctx.options.authPin) {
        calls.push([
          'sign',
          {
            key: 'auth',
            pin: ctx.options.authPin,
            hash: 'SHA-256',
            digest: sha256('x').toString('base64'),
            reader,
          },
        ]);
      }
      if (ctx.options.signPin) calls.push(['readSignCertificate', { pin: ctx.options.signPin, reader }]);
      for (const [method, params] of calls) {
        const reply = await client.call(method, params);
        check(
          reply.kind === 'error' && reply.error.code === -32001,
          `${method} with an unknown reader: expected -32001, got ${show(reply.raw)}`,
        );
      }
      check((await pinStatus(ctx, client, 'auth')).triesLeft === 3, 'the auth counter changed');
    }),
  },
];

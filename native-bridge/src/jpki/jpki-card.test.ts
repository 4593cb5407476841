import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import type { CardCredentials } from '../../../mocks/pki';
import { JpkiCard } from './jpki-card';
import {
  CardDataError,
  CardStatusError,
  LastAttemptNeedsConfirmationError,
  NotMyNumberCardError,
  PinFormatError,
  PinIncorrectError,
  PinLockedError,
} from './errors';
import {
  AUTH_PIN,
  digestOf,
  signatureVerifies,
  SIGN_PASSWORD,
  RewritingTransport,
  insOf,
  issueTestCredentials,
  pinVerifications,
  sw,
  virtualCard,
} from '../../../mocks/virtual-card/driver-fixtures';
import { Ins } from '../../../stb-spec/protocol/jpki-card';

let credentials: CardCredentials;
beforeAll(async () => {
  credentials = await issueTestCredentials();
});

describe('detecting a My Number Card', () => {
  it('finds the JPKI AP and its token label', async () => {
    const { transport } = virtualCard(credentials);
    await expect(new JpkiCard(transport).detect()).resolves.toEqual({ token: 'JPKIAPICCTOKEN2' });
  });

  it('refuses a card without the JPKI AP, whatever its ATR, and reports the ATR', async () => {
    const { transport } = virtualCard(credentials, { hasJpkiAp: false });
    const error = await new JpkiCard(transport, { atr: '3B8F80' }).detect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotMyNumberCardError);
    expect((error as NotMyNumberCardError).atr).toBe('3B8F80');
  });

  it('refuses a card whose token EF does not name the JPKI AP', async () => {
    const { transport } = virtualCard(credentials);
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary
        ? Buffer.concat([Buffer.from('SOMEOTHERTOKEN '.padEnd(32)), sw(0x9000)])
        : response,
    );
    await expect(new JpkiCard(rewriting).detect()).rejects.toBeInstanceOf(NotMyNumberCardError);
  });
  it('reads only the label from the token EF, so a card that refuses reads past the end still passes', async () => {
    const { transport } = virtualCard(credentials);
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary && command[4] !== undefined && command[4] > 15
        ? sw(0x6700)
        : response,
    );
    // Before any certificate read, every READ BINARY the driver sends is the token EF's.
    await expect(new JpkiCard(rewriting).detect()).resolves.toEqual({ token: 'JPKIAPICCTOKEN2' });
  });
});

describe('reading certificates', () => {
  it.each(['auth', 'authCA', 'signCA'] as const)('reads the %s certificate exactly', async (slot) => {
    const { transport } = virtualCard(credentials);
    const expected = {
      auth: credentials.authCertificate,
      authCA: credentials.authCaCertificate,
      signCA: credentials.signCaCertificate,
    }[slot];
    const der = await new JpkiCard(transport).readCertificate(slot);
    expect(Buffer.from(der).equals(Buffer.from(expected))).toBe(true);
  });

  it('once detect() proved short EF ids, reads a certificate with one READ BINARY per 256 bytes', async () => {
    const { transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await driver.detect();
    expect(driver.apduCount).toBe(2); // SELECT AP, READ token EF by short EF id
    await driver.readCertificate('auth');
    expect(driver.apduCount).toBe(2 + Math.ceil(credentials.authCertificate.length / 256));
  });

  it('before detect(), reads with SELECT: the design note does not promise short EF ids', async () => {
    const { transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await driver.readCertificate('auth');
    expect(driver.apduCount).toBe(2 + Math.ceil(credentials.authCertificate.length / 256));
    expect(transport.log.filter((e) => /^00B08/.test(e.command))).toEqual([]);
  });

  it('falls back to SELECT once when the card refuses short EF ids, and never tries them again', async () => {
    const { transport } = virtualCard(credentials, { sfiReads: false });
    const driver = new JpkiCard(transport);
    await expect(driver.detect()).resolves.toEqual({ token: 'JPKIAPICCTOKEN2' });
    expect(driver.apduCount).toBe(4); // SELECT AP, refused short-EF read, SELECT token EF, READ
    const auth = await driver.readCertificate('auth');
    expect(Buffer.from(auth).equals(Buffer.from(credentials.authCertificate))).toBe(true);
    const before = driver.apduCount;
    await driver.readCertificate('authCA');
    const caChunks = Math.ceil(credentials.authCaCertificate.length / 256);
    expect(driver.apduCount - before).toBe(1 + caChunks);
    expect(transport.log.filter((e) => /^00B08/.test(e.command))).toHaveLength(1);
  });

  it('is not fooled by a card that ignores the short-EF bit and answers with other bytes', async () => {
    const { transport } = virtualCard(credentials);
    const rewriting = new RewritingTransport(transport, (command) =>
      insOf(command) === Ins.readBinary && (command[2]! & 0x80) !== 0
        ? Buffer.concat([Buffer.alloc(32, 0x41), sw(0x9000)])
        : undefined,
    );
    const driver = new JpkiCard(rewriting);
    await expect(driver.detect()).resolves.toEqual({ token: 'JPKIAPICCTOKEN2' });
    const der = await driver.readCertificate('auth');
    expect(Buffer.from(der).equals(Buffer.from(credentials.authCertificate))).toBe(true);
  });

  it("with 'always' short EF addressing, a refusal is an error", async () => {
    const { transport } = virtualCard(credentials, { sfiReads: false });
    await expect(
      new JpkiCard(transport, { shortEfAddressing: 'always' }).readCertificate('auth'),
    ).rejects.toBeInstanceOf(CardDataError);
  });

  it.each([
    ['6Cxx (re-send with the exact Le)', { shortRead: 'wrong-le' as const }],
    ['61xx (T=0 GET RESPONSE)', { deliverResponsesViaGetResponse: true }],
    ['61xx and 6Cxx together', { deliverResponsesViaGetResponse: true, shortRead: 'wrong-le' as const }],
  ])('completes answers given as %s', async (_name, options) => {
    const { transport } = virtualCard(credentials, options);
    const driver = new JpkiCard(transport);
    for (const slot of ['auth', 'authCA', 'signCA'] as const) {
      const der = await driver.readCertificate(slot);
      expect(() => new X509Certificate(Buffer.from(der))).not.toThrow();
    }
    const signature = await driver.sign('auth', AUTH_PIN, digestOf('m'));
    expect(signatureVerifies(credentials.authCertificate, 'm', signature)).toBe(true);
  });

  it('reports 6B00 (offset past the end before the certificate is complete) as a card error', async () => {
    const { transport } = virtualCard(credentials);
    let reads = 0;
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary && ++reads === 2 ? sw(0x6b00) : response,
    );
    const error = await new JpkiCard(rewriting).readCertificate('auth').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardStatusError);
    expect((error as CardStatusError).swHex).toBe('6B00');
  });

  it('reports truncated data (6282 with nothing) as a card error, not a hang', async () => {
    const { transport } = virtualCard(credentials);
    let reads = 0;
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary && ++reads === 2 ? sw(0x6282) : response,
    );
    await expect(new JpkiCard(rewriting).readCertificate('auth')).rejects.toBeInstanceOf(CardDataError);
  });

  it('reports an EF without a certificate as a card data error', async () => {
    const { transport } = virtualCard(credentials);
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary ? Buffer.concat([Buffer.alloc(256, 0xff), sw(0x9000)]) : response,
    );
    await expect(new JpkiCard(rewriting).readCertificate('auth')).rejects.toBeInstanceOf(CardDataError);
  });

  it('reads the signature certificate only with the signature password', async () => {
    const { card, transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await expect(driver.readSignCertificate('WRONG1')).rejects.toEqual(new PinIncorrectError(4));
    expect(card.state.triesLeft.sign).toBe(4);
    const der = await driver.readSignCertificate(SIGN_PASSWORD);
    expect(Buffer.from(der).equals(Buffer.from(credentials.signCertificate))).toBe(true);
    expect(card.state.triesLeft.sign).toBe(5);
  });

  it('maps 6982 (security status not satisfied) to a card error naming the status word', async () => {
    const { transport } = virtualCard(credentials);
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.readBinary ? sw(0x6982) : response,
    );
    const error = await new JpkiCard(rewriting).readCertificate('auth').catch((e: unknown) => e);
    expect((error as CardStatusError).swHex).toBe('6982');
  });
});

describe('PIN status and verification', () => {
  it('queries tries left without spending one', async () => {
    const { card, transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await expect(driver.pinStatus('auth')).resolves.toEqual({ triesLeft: 3, maxTries: 3, locked: false });
    await expect(driver.pinStatus('sign')).resolves.toEqual({ triesLeft: 5, maxTries: 5, locked: false });
    expect(card.state.triesLeft).toEqual({ auth: 3, sign: 5 });
    expect(pinVerifications(transport.log)).toEqual([]);
  });

  it('counts down on wrong PINs and back up on the right one', async () => {
    const { card, transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await expect(driver.verifyPin('auth', '0000')).rejects.toEqual(new PinIncorrectError(2));
    await expect(driver.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 2 });
    await expect(driver.verifyPin('auth', AUTH_PIN)).resolves.toBeUndefined();
    expect(card.state.triesLeft.auth).toBe(3);
  });

  it('reports a PIN already verified in this session (9000 to the status query) as full tries', async () => {
    const { transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await driver.verifyPin('auth', AUTH_PIN);
    await expect(new JpkiCard(transport).pinStatus('auth')).resolves.toEqual({
      triesLeft: 3,
      maxTries: 3,
      locked: false,
    });
  });

  it('refuses the last try without confirmation, before the card sees the PIN', async () => {
    const { card, transport } = virtualCard(credentials, { triesLeft: { auth: 1 } });
    const driver = new JpkiCard(transport);
    await expect(driver.sign('auth', '9999', digestOf('x'))).rejects.toBeInstanceOf(
      LastAttemptNeedsConfirmationError,
    );
    await expect(driver.verifyPin('auth', '9999')).rejects.toBeInstanceOf(LastAttemptNeedsConfirmationError);
    expect(card.state.triesLeft.auth).toBe(1);
    expect(pinVerifications(transport.log)).toEqual([]);
  });

  it('spends the last try when confirmed: wrong → locked (63C0), then never sends a PIN again', async () => {
    const { card, transport } = virtualCard(credentials, { triesLeft: { auth: 1 } });
    const driver = new JpkiCard(transport);
    await expect(driver.verifyPin('auth', '9999', { confirmLastAttempt: true })).rejects.toBeInstanceOf(
      PinLockedError,
    );
    expect(card.state.triesLeft.auth).toBe(0);
    await expect(driver.verifyPin('auth', AUTH_PIN, { confirmLastAttempt: true })).rejects.toBeInstanceOf(
      PinLockedError,
    );
    await expect(new JpkiCard(transport).sign('auth', AUTH_PIN, digestOf('x'))).rejects.toBeInstanceOf(
      PinLockedError,
    );
    expect(pinVerifications(transport.log)).toHaveLength(1);
  });

  it('reports a locked card from the status query (63C0) and from a VERIFY answered 6984', async () => {
    const { transport } = virtualCard(credentials, { triesLeft: { auth: 0 } });
    await expect(new JpkiCard(transport).pinStatus('auth')).resolves.toEqual({
      triesLeft: 0,
      maxTries: 3,
      locked: true,
    });
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.verify ? sw(0x6984) : response,
    );
    await expect(new JpkiCard(rewriting).pinStatus('auth')).resolves.toMatchObject({ locked: true });
    await expect(new JpkiCard(rewriting).verifyPin('auth', AUTH_PIN)).rejects.toBeInstanceOf(PinLockedError);
  });

  it.each(['123', '12345', 'abcd', '１２３４', '12a4', ''])(
    'never sends an auth PIN of the wrong shape: %p',
    async (pin) => {
      const { transport } = virtualCard(credentials);
      const driver = new JpkiCard(transport);
      await expect(driver.verifyPin('auth', pin)).rejects.toBeInstanceOf(PinFormatError);
      await expect(driver.sign('auth', pin, digestOf('x'))).rejects.toBeInstanceOf(PinFormatError);
      expect(driver.apduCount).toBe(0);
    },
  );

  it.each(['ABC12', 'abc123', 'ABC-123', 'A'.repeat(17)])(
    'never sends a signature password of the wrong shape: %p',
    async (pin) => {
      const { transport } = virtualCard(credentials);
      const driver = new JpkiCard(transport);
      await expect(driver.readSignCertificate(pin)).rejects.toBeInstanceOf(PinFormatError);
      expect(driver.apduCount).toBe(0);
    },
  );
});

describe('signing', () => {
  it('signs with the auth key: the signature verifies with the auth certificate', async () => {
    const { transport } = virtualCard(credentials);
    const signature = await new JpkiCard(transport).sign('auth', AUTH_PIN, digestOf('challenge'));
    expect(signature).toHaveLength(256);
    expect(signatureVerifies(credentials.authCertificate, 'challenge', signature)).toBe(true);
    expect(signatureVerifies(credentials.authCertificate, 'other', signature)).toBe(false);
  });

  it('signs with the signature key after the password', async () => {
    const { transport } = virtualCard(credentials);
    const signature = await new JpkiCard(transport).sign('sign', SIGN_PASSWORD, digestOf('document'));
    expect(signatureVerifies(credentials.signCertificate, 'document', signature)).toBe(true);
  });

  it('refuses a digest that is not 32 bytes before touching the card', async () => {
    const { transport } = virtualCard(credentials);
    const driver = new JpkiCard(transport);
    await expect(driver.sign('auth', AUTH_PIN, new Uint8Array(20))).rejects.toBeInstanceOf(RangeError);
    expect(driver.apduCount).toBe(0);
  });

  it.each([0x6982, 0x6a86, 0x6985])(
    'maps %s from COMPUTE DIGITAL SIGNATURE to a card error',
    async (status) => {
      const { transport } = virtualCard(credentials);
      const rewriting = new RewritingTransport(transport, (command, response) =>
        insOf(command) === Ins.computeDigitalSignature ? sw(status) : response,
      );
      const error = await new JpkiCard(rewriting)
        .sign('auth', AUTH_PIN, digestOf('x'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CardStatusError);
      expect((error as CardStatusError).sw).toBe(status);
    },
  );

  it('refuses a signature of the wrong size', async () => {
    const { transport } = virtualCard(credentials);
    const rewriting = new RewritingTransport(transport, (command, response) =>
      insOf(command) === Ins.computeDigitalSignature
        ? Buffer.concat([Buffer.alloc(100), sw(0x9000)])
        : response,
    );
    await expect(new JpkiCard(rewriting).sign('auth', AUTH_PIN, digestOf('x'))).rejects.toBeInstanceOf(
      CardDataError,
    );
  });

  it('the card key pair is the one in its certificate', async () => {
    const certificateKey = new X509Certificate(Buffer.from(credentials.authCertificate)).publicKey;
    const cardKey = createPublicKey(
      createPrivateKey({ key: Buffer.from(credentials.authPrivateKeyPkcs8), format: 'der', type: 'pkcs8' }),
    );
    expect(certificateKey.export({ format: 'jwk' })).toEqual(cardKey.export({ format: 'jwk' }));
  });
});

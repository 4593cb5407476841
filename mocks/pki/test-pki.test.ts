/**
 * The test PKI as a relying party sees it: roots, chains, generations, certificate contents, CRLs.
 * One PKI (4 RSA roots) and a few cards for the whole file; its clock is fixed.
 */
import * as asn1js from 'asn1js';
import { createHash, X509Certificate } from 'node:crypto';
import { DEMO_HOLDERS } from './demo-holders';
import { toArrayBuffer } from './engine';
import { readSignCertificateHolder } from './holder-san';
import * as oid from './oids';
import {
  extensionValue,
  keyIdentifierHex,
  keyUsageBits,
  nameAttributes,
  parseCertificate,
  parseCrl,
  serialHexOf,
  validateChain,
} from './test-support';
import { createTestPki, type TestPki } from './test-pki';
import type { CardCredentials, CardHolder } from './types';
import { certificateNotAfter } from './validity';

const NOW = new Date('2026-04-01T03:00:00Z');
const LATER = new Date('2026-04-02T03:00:00Z');
const holder: CardHolder = DEMO_HOLDERS[1]!; // 佐藤 花子, born 29 Feb 1952

const modulusBits = (der: Uint8Array): number | undefined =>
  new X509Certificate(der).publicKey.asymmetricKeyDetails?.modulusLength;

let pki: TestPki;
let card: CardCredentials; // newest generation
let oldCard: CardCredentials; // generation 1

beforeAll(async () => {
  pki = await createTestPki({ now: NOW });
  [card, oldCard] = await Promise.all([
    pki.issueCard(holder),
    pki.issueCard(DEMO_HOLDERS[0]!, { generation: 1 }),
  ]);
});

describe('roots', () => {
  it('has two generations of each kind, newest last', () => {
    expect(pki.roots.map((r) => `${r.kind}-${r.generation}`)).toEqual([
      'auth-1',
      'auth-2',
      'sign-1',
      'sign-2',
    ]);
    expect(pki.newestGeneration('auth')).toBe(2);
    expect(pki.trustAnchors('sign')).toEqual([
      pki.root('sign', 1).certificate,
      pki.root('sign', 2).certificate,
    ]);
  });

  it.each([
    ['auth', 'JPKI for user authentication'],
    ['sign', 'JPKI for digital signature'],
  ] as const)('%s roots are self-signed CAs named like JPKI', async (kind, ou) => {
    const expectedName = [
      [oid.OID_COUNTRY, 'JP'],
      [oid.OID_ORGANIZATION, 'JPKI-TEST'],
      [oid.OID_ORGANIZATIONAL_UNIT, ou],
      [oid.OID_ORGANIZATIONAL_UNIT, 'Japan Agency for Local Authority Information Systems'],
    ];
    for (const der of pki.trustAnchors(kind)) {
      const root = parseCertificate(der);
      expect(nameAttributes(root.subject)).toEqual(expectedName);
      expect(root.issuer.isEqual(root.subject)).toBe(true);
      expect(await root.verify()).toBe(true); // self-signature
      expect(root.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.11'); // sha256WithRSAEncryption
      expect(modulusBits(der)).toBe(2048);
      const basic = asn1js.fromBER(toArrayBuffer(extensionValue(root.extensions, oid.OID_BASIC_CONSTRAINTS)));
      expect((basic.result as asn1js.Sequence).valueBlock.value[0]).toBeInstanceOf(asn1js.Boolean);
      expect(root.extensions?.find((e) => e.extnID === oid.OID_BASIC_CONSTRAINTS)?.critical).toBe(true);
      expect(keyUsageBits(root)).toEqual([5, 6]); // keyCertSign, cRLSign
      expect(keyIdentifierHex(root.extensions, 'authority')).toBe(
        keyIdentifierHex(root.extensions, 'subject'),
      );
    }
  });

  it('generations share the subject name but not the key or key identifier', () => {
    const [first, second] = pki.trustAnchors('auth').map(parseCertificate);
    expect(first!.subject.isEqual(second!.subject)).toBe(true);
    expect(keyIdentifierHex(first!.extensions, 'subject')).not.toBe(
      keyIdentifierHex(second!.extensions, 'subject'),
    );
    expect(serialHexOf(first!)).not.toBe(serialHexOf(second!));
  });

  it('the older generation started earlier and both are valid now', () => {
    const [first, second] = pki.trustAnchors('sign').map(parseCertificate);
    expect(first!.notBefore.value.getTime()).toBeLessThan(second!.notBefore.value.getTime());
    for (const root of [first!, second!]) {
      expect(root.notBefore.value.getTime()).toBeLessThan(NOW.getTime());
      expect(root.notAfter.value.getTime()).toBeGreaterThan(NOW.getTime());
    }
  });
});

describe('chain validation (pkijs CertificateChainValidationEngine)', () => {
  it.each(['auth', 'sign'] as const)('%s certificates chain to their own roots', async (kind) => {
    for (const credentials of [card, oldCard]) {
      const der = kind === 'auth' ? credentials.authCertificate : credentials.signCertificate;
      const result = await validateChain(der, { trustAnchors: pki.trustAnchors(kind), checkDate: LATER });
      expect(result.resultMessage).toBe('');
      expect(result.result).toBe(true);
    }
  });

  it.each(['auth', 'sign'] as const)(
    '%s certificates do not chain to the other kind of root',
    async (kind) => {
      const der = kind === 'auth' ? card.authCertificate : card.signCertificate;
      const other = kind === 'auth' ? 'sign' : 'auth';
      const result = await validateChain(der, { trustAnchors: pki.trustAnchors(other), checkDate: LATER });
      expect(result.result).toBe(false);
    },
  );

  it('an expired certificate (explicit validity) fails validation', async () => {
    const expired = await pki.issueCard(holder, {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const result = await validateChain(expired.signCertificate, {
      trustAnchors: pki.trustAnchors('sign'),
      checkDate: LATER,
    });
    expect(result.result).toBe(false);
    expect(parseCertificate(expired.signCertificate).notAfter.value).toEqual(
      new Date('2025-01-01T00:00:00Z'),
    );
  });
});

describe('root generations are told apart by signature and key identifier', () => {
  it('generation 2 verifies what it issued and generation 1 does not', async () => {
    const [gen1, gen2] = pki.trustAnchors('sign').map(parseCertificate);
    const cert = parseCertificate(card.signCertificate);
    expect(await cert.verify(gen2)).toBe(true);
    expect(await cert.verify(gen1)).toBe(false);
    const old = parseCertificate(oldCard.authCertificate);
    const [authGen1, authGen2] = pki.trustAnchors('auth').map(parseCertificate);
    expect(await old.verify(authGen1)).toBe(true);
    expect(await old.verify(authGen2)).toBe(false);
  });

  it('authorityKeyIdentifier names the issuing generation', () => {
    const [gen1, gen2] = pki.trustAnchors('auth').map(parseCertificate);
    expect(keyIdentifierHex(parseCertificate(card.authCertificate).extensions, 'authority')).toBe(
      keyIdentifierHex(gen2!.extensions, 'subject'),
    );
    expect(keyIdentifierHex(parseCertificate(oldCard.authCertificate).extensions, 'authority')).toBe(
      keyIdentifierHex(gen1!.extensions, 'subject'),
    );
    expect(card.authCaCertificate).toEqual(pki.root('auth', 2).certificate);
    expect(oldCard.signCaCertificate).toEqual(pki.root('sign', 1).certificate);
  });
});

describe('card certificates', () => {
  it('auth certificate: opaque CN only, digitalSignature, clientAuth, test policy', () => {
    const cert = parseCertificate(card.authCertificate);
    const subject = nameAttributes(cert.subject);
    expect(subject).toHaveLength(1);
    expect(subject[0]![0]).toBe(oid.OID_COMMON_NAME);
    expect(subject[0]![1]).toMatch(/^[0-9A-F]{16}$/);
    expect(cert.extensions?.some((e) => e.extnID === oid.OID_SUBJECT_ALT_NAME)).toBe(false);
    expect(keyUsageBits(cert)).toEqual([0]);
    expect(Buffer.from(extensionValue(cert.extensions, oid.OID_EXTENDED_KEY_USAGE)).toString('hex')).toBe(
      '300a06082b06010505070302', // SEQUENCE { id-kp-clientAuth }
    );
    const policies = asn1js.fromBER(
      toArrayBuffer(extensionValue(cert.extensions, oid.OID_CERTIFICATE_POLICIES)),
    );
    const policy = (policies.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    expect((policy.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(
      oid.OID_TEST_POLICY_AUTH,
    );
  });

  it('sign certificate: C, L (prefecture, city), CN; digitalSignature + nonRepudiation', () => {
    const cert = parseCertificate(card.signCertificate);
    const subject = nameAttributes(cert.subject);
    expect(subject.slice(0, 3)).toEqual([
      [oid.OID_COUNTRY, 'JP'],
      [oid.OID_LOCALITY, '東京都'],
      [oid.OID_LOCALITY, '千代田区'],
    ]);
    expect(subject[3]![0]).toBe(oid.OID_COMMON_NAME);
    expect(keyUsageBits(cert)).toEqual([0, 1]);
    expect(cert.extensions?.find((e) => e.extnID === oid.OID_KEY_USAGE)?.critical).toBe(true);
  });

  it('serials are random, positive, 8+ bytes and match the reported hex', () => {
    for (const [der, hex] of [
      [card.authCertificate, card.authSerialHex],
      [card.signCertificate, card.signSerialHex],
    ] as const) {
      const cert = parseCertificate(der);
      expect(serialHexOf(cert)).toBe(hex);
      expect(hex.length).toBeGreaterThanOrEqual(16);
      expect(parseInt(hex.slice(0, 2), 16)).toBeLessThan(0x80);
    }
    expect(card.authSerialHex).not.toBe(card.signSerialHex);
    expect(modulusBits(card.authCertificate)).toBe(2048);
    expect(modulusBits(card.signCertificate)).toBe(2048);
    expect(card.signSerialHex).not.toBe(oldCard.signSerialHex);
  });

  it('validity runs from issue to the 5th birthday after it', () => {
    const cert = parseCertificate(card.signCertificate);
    expect(cert.notBefore.value).toEqual(NOW);
    expect(cert.notAfter.value).toEqual(certificateNotAfter(holder.birthDate, NOW));
    expect(cert.notAfter.value.toISOString()).toBe('2031-02-28T14:59:59.000Z'); // 29 Feb → 28 Feb 2031
    expect(parseCertificate(card.authCertificate).notAfter.value).toEqual(cert.notAfter.value);
  });
});

describe('readSignCertificateHolder', () => {
  it('reads the 基本4情報 back in Japanese', () => {
    expect(readSignCertificateHolder(card.signCertificate)).toEqual(holder);
    expect(readSignCertificateHolder(oldCard.signCertificate)).toEqual(DEMO_HOLDERS[0]);
  });

  it('round-trips 代替文字 fields and characters outside the BMP', async () => {
    const unusual: CardHolder = {
      name: '𠮷田 髙子',
      address: '北海道札幌市中央区北一条西二丁目',
      birthDate: '1950-12-31',
      sex: '3',
      nameAlternative: '1,4',
      addressAlternative: '2',
    };
    const issued = await pki.issueCard(unusual);
    expect(readSignCertificateHolder(issued.signCertificate)).toEqual(unusual);
    const subject = nameAttributes(parseCertificate(issued.signCertificate).subject);
    expect(subject.filter(([type]) => type === oid.OID_LOCALITY).map(([, value]) => value)).toEqual([
      '北海道',
      '札幌市',
    ]);
  });

  it('rejects a certificate without the holder attributes', () => {
    expect(() => readSignCertificateHolder(card.authCertificate)).toThrow('no subjectAltName');
  });
});

describe('revocation and CRLs', () => {
  let revokedCard: CardCredentials;
  let keptCard: CardCredentials;

  beforeAll(async () => {
    [revokedCard, keptCard] = await Promise.all([pki.issueCard(holder), pki.issueCard(DEMO_HOLDERS[2]!)]);
    pki.revoke('sign', revokedCard.signSerialHex.toUpperCase(), new Date('2026-03-31T00:00:00Z'));
  });

  it('records revocations per kind, whatever the hex spelling', () => {
    const colons = revokedCard.signSerialHex.match(/../g)!.join(':');
    expect(pki.isRevoked('sign', colons)).toBe(true);
    expect(pki.isRevoked('auth', revokedCard.signSerialHex)).toBe(false);
    expect(pki.isRevoked('sign', keptCard.signSerialHex)).toBe(false);
  });

  it('the CRL is a v2 CRL signed by the issuing root generation', async () => {
    const crl = parseCrl(await pki.crl('sign'));
    const [gen1, gen2] = pki.trustAnchors('sign').map(parseCertificate);
    expect(crl.version).toBe(1); // v2
    expect(await crl.verify({ issuerCertificate: gen2 })).toBe(true);
    expect(await crl.verify({ issuerCertificate: gen1 })).toBe(false);
    expect(keyIdentifierHex(crl.crlExtensions?.extensions, 'authority')).toBe(
      keyIdentifierHex(gen2!.extensions, 'subject'),
    );
    expect(crl.thisUpdate.value).toEqual(NOW);
    expect(crl.nextUpdate!.value.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it('lists the revoked serial and no other', async () => {
    const crl = parseCrl(await pki.crl('sign'));
    const listed = (crl.revokedCertificates ?? []).map((entry) =>
      Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex'),
    );
    expect(listed).toEqual([revokedCard.signSerialHex]);
    expect(crl.revokedCertificates![0]!.revocationDate.value).toEqual(new Date('2026-03-31T00:00:00Z'));
    expect(crl.isCertificateRevoked(parseCertificate(revokedCard.signCertificate))).toBe(true);
    expect(crl.isCertificateRevoked(parseCertificate(keptCard.signCertificate))).toBe(false);
  });

  it('an empty CRL omits revokedCertificates; each generation lists only its own', async () => {
    expect(parseCrl(await pki.crl('auth')).revokedCertificates).toBeUndefined();
    pki.revoke('auth', oldCard.authSerialHex);
    expect(parseCrl(await pki.crl('auth', 2)).revokedCertificates).toBeUndefined();
    const gen1 = parseCrl(await pki.crl('auth', 1));
    expect(gen1.isCertificateRevoked(parseCertificate(oldCard.authCertificate))).toBe(true);
  });

  it('cRLNumber increases with every CRL issued', async () => {
    const numberOf = (der: Uint8Array): number => {
      const value = extensionValue(parseCrl(der).crlExtensions?.extensions, oid.OID_CRL_NUMBER);
      return (asn1js.fromBER(toArrayBuffer(value)).result as asn1js.Integer).valueBlock.valueDec;
    };
    const first = numberOf(await pki.crl('sign', 1));
    expect(numberOf(await pki.crl('sign', 1))).toBe(first + 1);
  });

  it('chain validation with the CRL rejects the revoked certificate and accepts the other', async () => {
    const crls = [await pki.crl('sign', 1), await pki.crl('sign', 2)];
    const check = { trustAnchors: pki.trustAnchors('sign'), checkDate: LATER, crls };
    expect((await validateChain(revokedCard.signCertificate, check)).result).toBe(false);
    expect((await validateChain(keptCard.signCertificate, check)).result).toBe(true);
  });
});

describe('a change of the holder’s information (a move)', () => {
  const moved: CardHolder = { ...DEMO_HOLDERS[0]!, address: '東京都千代田区窓口町四丁目8番1号' };
  let before: CardCredentials;
  let after: CardCredentials;

  beforeAll(async () => {
    before = await pki.issueCard(DEMO_HOLDERS[0]!);
    after = await pki.changeHolderInformation(before, moved);
  });

  it('puts a new signature certificate with the new address on the same card', () => {
    expect(readSignCertificateHolder(after.signCertificate).address).toBe(moved.address);
    expect(readSignCertificateHolder(before.signCertificate).address).toBe(DEMO_HOLDERS[0]!.address);
    expect(after.signSerialHex).not.toBe(before.signSerialHex);
    expect(Buffer.from(after.signPrivateKeyPkcs8)).not.toEqual(Buffer.from(before.signPrivateKeyPkcs8));
    expect(after.authCertificate).toEqual(before.authCertificate);
    expect(after.authSerialHex).toBe(before.authSerialHex);
  });

  it('revokes the old signature certificate with reason affiliationChanged, and only it', async () => {
    expect(pki.isRevoked('sign', before.signSerialHex)).toBe(true);
    expect(pki.isRevoked('sign', after.signSerialHex)).toBe(false);
    expect(pki.isRevoked('auth', before.authSerialHex)).toBe(false);
    const entry = pki.toJSON().revocations.find((r) => r.serialHex === before.signSerialHex);
    expect(entry?.reason).toBe(3);
    const crl = parseCrl(await pki.crl('sign'));
    const listed = crl.revokedCertificates!.find(
      (r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex') === before.signSerialHex,
    );
    const reasonCode = extensionValue(listed?.crlEntryExtensions?.extensions, '2.5.29.21');
    expect((asn1js.fromBER(toArrayBuffer(reasonCode)).result as asn1js.Enumerated).valueBlock.valueDec).toBe(
      3,
    );
  });

  it('tells J-LIS the auth certificate now goes with the new signature certificate', () => {
    const hex = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
    expect(pki.jlisRecords().links).toContainEqual({
      auth: hex(after.authCertificate),
      sign: hex(after.signCertificate),
    });
  });
});

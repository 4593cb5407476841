/**
 * Independent checks of the test PKI's output: the openssl command line (scripts/ensure-system.sh
 * installs it, so a missing openssl fails here rather than passing unchecked) and node:crypto, i.e.
 * not the pkijs code that produced it.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HOLDERS } from './demo-holders';
import { toPem } from './pem';
import { createTestPki, type TestPki } from './test-pki';
import type { CardCredentials } from './types';

let pki: TestPki;
let card: CardCredentials;
let oldCard: CardCredentials;
let revokedCard: CardCredentials;
let dir: string;

/** Writes a PEM file into the scratch directory and returns its path. */
function pemFile(name: string, ders: Uint8Array[], label = 'CERTIFICATE'): string {
  const file = path.join(dir, name);
  writeFileSync(file, ders.map((der) => toPem(der, label)).join(''));
  return file;
}

function openssl(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.error) throw result.error; // openssl missing: fail, never pass unchecked
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'madoguchi-pki-'));
  pki = await createTestPki(); // real clock: openssl checks validity against the current time
  [card, oldCard, revokedCard] = await Promise.all([
    pki.issueCard(DEMO_HOLDERS[0]!),
    pki.issueCard(DEMO_HOLDERS[1]!, { generation: 1 }),
    pki.issueCard(DEMO_HOLDERS[2]!),
  ]);
  pki.revoke('sign', revokedCard.signSerialHex);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openssl verify', () => {
  it.each(['auth', 'sign'] as const)('accepts %s certificates against their root generation', (kind) => {
    const cert = pemFile(`${kind}.pem`, [kind === 'auth' ? card.authCertificate : card.signCertificate]);
    const root = pemFile(`${kind}-root-2.pem`, [pki.root(kind, 2).certificate]);
    const result = openssl('verify', '-CAfile', root, cert);
    expect(result.output).toContain(`${cert}: OK`);
    expect(result.status).toBe(0);
  });

  it('accepts certificates of either generation against the bundle of both (same subject names)', () => {
    const bundle = pemFile('sign-roots.pem', pki.trustAnchors('sign'));
    for (const credentials of [card, oldCard]) {
      const cert = pemFile('sign-any.pem', [credentials.signCertificate]);
      expect(openssl('verify', '-CAfile', bundle, cert).status).toBe(0);
    }
  });

  it('rejects the wrong generation and the other kind of root', () => {
    const cert = pemFile('sign-new.pem', [card.signCertificate]);
    expect(
      openssl('verify', '-CAfile', pemFile('sign-root-1.pem', [pki.root('sign', 1).certificate]), cert)
        .status,
    ).not.toBe(0);
    expect(
      openssl('verify', '-CAfile', pemFile('auth-roots.pem', pki.trustAnchors('auth')), cert).status,
    ).not.toBe(0);
  });

  it('shows the holder attributes in subjectAltName', () => {
    const cert = pemFile('sign-san.pem', [card.signCertificate]);
    const { output } = openssl('x509', '-in', cert, '-noout', '-text', '-nameopt', 'utf8');
    expect(output).toContain('1.2.392.200149.8.5.5.1');
    expect(output).toContain('19470514');
    expect(output).toContain('Digital Signature, Non Repudiation');
  });
});

describe('openssl crl', () => {
  let crlDer: Uint8Array;
  let crlFile: string;

  beforeAll(async () => {
    crlDer = await pki.crl('sign');
    crlFile = path.join(dir, 'sign-root-2.crl');
    writeFileSync(crlFile, crlDer);
  });

  it('lists the revoked serial and no other', () => {
    const { status, output } = openssl('crl', '-inform', 'DER', '-in', crlFile, '-noout', '-text');
    expect(status).toBe(0);
    expect(output).toContain('Version 2');
    expect(output).toContain(`Serial Number: ${revokedCard.signSerialHex.toUpperCase()}`);
    expect(output).not.toContain(card.signSerialHex.toUpperCase());
    expect(output).toMatch(/X509v3 CRL Number:\s+\d+/);
  });

  it('verifies the CRL signature with the issuing root only', () => {
    const root2 = pemFile('sign-root-2.pem', [pki.root('sign', 2).certificate]);
    const good = openssl('crl', '-inform', 'DER', '-in', crlFile, '-CAfile', root2, '-noout');
    expect(good.output).toContain('verify OK');
    const root1 = pemFile('sign-root-1.pem', [pki.root('sign', 1).certificate]);
    const bad = openssl('crl', '-inform', 'DER', '-in', crlFile, '-CAfile', root1, '-noout');
    expect(bad.output).not.toContain('verify OK');
  });

  it('makes `openssl verify -crl_check` reject the revoked certificate only', () => {
    const root = pemFile('sign-root-2.pem', [pki.root('sign', 2).certificate]);
    const crlPem = pemFile('sign-root-2.crl.pem', [crlDer], 'X509 CRL');
    const check = (der: Uint8Array) =>
      openssl('verify', '-crl_check', '-CRLfile', crlPem, '-CAfile', root, pemFile('check.pem', [der]));
    const revoked = check(revokedCard.signCertificate);
    expect(revoked.status).not.toBe(0);
    expect(revoked.output).toContain('certificate revoked');
    expect(check(card.signCertificate).status).toBe(0);
  });
});

describe('card private keys (node:crypto)', () => {
  const data = Buffer.from('窓口 challenge 0123456789');
  const keyOf = (pkcs8: Uint8Array) =>
    createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });

  it.each(['auth', 'sign'] as const)('a %s-key signature verifies against the certificate', (kind) => {
    const [certDer, keyDer] =
      kind === 'auth'
        ? [card.authCertificate, card.authPrivateKeyPkcs8]
        : [card.signCertificate, card.signPrivateKeyPkcs8];
    const cert = new X509Certificate(Buffer.from(certDer));
    const signature = sign('sha256', data, keyOf(keyDer));
    expect(verify('sha256', data, cert.publicKey, signature)).toBe(true);
    expect(verify('sha256', Buffer.concat([data, Buffer.from('!')]), cert.publicKey, signature)).toBe(false);
    expect(cert.checkPrivateKey(keyOf(keyDer))).toBe(true);
  });

  it('the auth and sign keys differ', () => {
    const signature = sign('sha256', data, keyOf(card.authPrivateKeyPkcs8));
    const signCert = new X509Certificate(Buffer.from(card.signCertificate));
    expect(verify('sha256', data, signCert.publicKey, signature)).toBe(false);
  });

  it('node:crypto also sees the issuing root', () => {
    const cert = new X509Certificate(Buffer.from(card.authCertificate));
    const root = new X509Certificate(Buffer.from(card.authCaCertificate));
    expect(cert.checkIssued(root)).toBe(true);
    expect(cert.verify(root.publicKey)).toBe(true);
    expect(root.ca).toBe(true);
    expect(cert.verify(new X509Certificate(Buffer.from(pki.root('auth', 1).certificate)).publicKey)).toBe(
      false,
    );
  });
});

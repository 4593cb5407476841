/** JSON and on-disk persistence of the test PKI, and virtual-card credentials as JSON. */
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HOLDERS } from './demo-holders';
import { fromPem, fromPemAll } from './pem';
import {
  credentialsFromJSON,
  credentialsToJSON,
  loadOrCreateTestPki,
  PKI_FILE,
  saveTestPki,
} from './persistence';
import { parseCertificate, parseCrl, validateChain } from './test-support';
import { createTestPki, TestPki } from './test-pki';
import type { CardCredentials } from './types';

const NOW = new Date('2026-04-01T03:00:00Z');

let pki: TestPki;
let card: CardCredentials;
let oldCard: CardCredentials;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'madoguchi-pki-store-'));
  pki = await createTestPki({ now: NOW });
  [card, oldCard] = await Promise.all([
    pki.issueCard(DEMO_HOLDERS[3]!),
    pki.issueCard(DEMO_HOLDERS[4]!, { generation: 1 }),
  ]);
  pki.revoke('sign', card.signSerialHex, new Date('2026-03-30T00:00:00Z'));
  pki.revoke('auth', oldCard.authSerialHex);
  await pki.crl('sign'); // advance a cRLNumber
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('toJSON / fromJSON', () => {
  let restored: TestPki;

  beforeAll(async () => {
    restored = await TestPki.fromJSON(JSON.parse(JSON.stringify(pki)));
  });

  it('keeps the roots and their keys byte for byte', () => {
    expect(restored.roots).toEqual(pki.roots);
    expect(restored.now()).toEqual(NOW);
  });

  it('keeps revocations and which generation issued what', async () => {
    expect(restored.isRevoked('sign', card.signSerialHex)).toBe(true);
    expect(restored.isRevoked('auth', card.authSerialHex)).toBe(false);
    expect(restored.issuingGeneration('auth', oldCard.authSerialHex)).toBe(1);
    const gen1 = parseCrl(await restored.crl('auth', 1));
    expect(gen1.isCertificateRevoked(parseCertificate(oldCard.authCertificate))).toBe(true);
    const gen2 = parseCrl(await restored.crl('auth', 2));
    expect(gen2.revokedCertificates).toBeUndefined();
  });

  it('continues cRLNumber where it left off', () => {
    const json = restored.toJSON();
    expect(json.crlNumbers['sign-2']).toBe(pki.toJSON().crlNumbers['sign-2']);
    expect(json.revocations.find((r) => r.kind === 'sign')?.revokedAt).toBe('2026-03-30T00:00:00.000Z');
  });

  it('issues cards that chain to the original trust anchors', async () => {
    const fresh = await restored.issueCard(DEMO_HOLDERS[0]!);
    const result = await validateChain(fresh.authCertificate, {
      trustAnchors: pki.trustAnchors('auth'),
      checkDate: new Date('2026-04-02T00:00:00Z'),
    });
    expect(result.result).toBe(true);
  });

  it('rejects documents of another format', async () => {
    await expect(TestPki.fromJSON({ format: 'something-else', roots: [] })).rejects.toThrow(
      'not a madoguchi-test-pki',
    );
    const json = pki.toJSON();
    await expect(
      TestPki.fromJSON({ ...json, roots: json.roots.filter((r) => r.kind === 'auth') }),
    ).rejects.toThrow('no sign root');
  });
});

describe('loadOrCreateTestPki / saveTestPki', () => {
  const dir = () => path.join(scratch, 'pki');

  it('creates pki.json, trust anchors, bundles and CRLs', async () => {
    const created = await loadOrCreateTestPki(dir(), { now: NOW });
    const files = readdirSync(dir()).sort();
    expect(files).toEqual(
      [
        PKI_FILE,
        'auth-root-1.crl',
        'auth-root-1.pem',
        'auth-root-2.crl',
        'auth-root-2.pem',
        'auth-roots.pem',
        'sign-root-1.crl',
        'sign-root-1.pem',
        'sign-root-2.crl',
        'sign-root-2.pem',
        'sign-roots.pem',
      ].sort(),
    );
    expect(statSync(path.join(dir(), PKI_FILE)).mode & 0o777).toBe(0o600);
    expect(fromPem(readFileSync(path.join(dir(), 'sign-root-2.pem'), 'utf8'), 'CERTIFICATE')).toEqual(
      created.root('sign', 2).certificate,
    );
    expect(fromPemAll(readFileSync(path.join(dir(), 'auth-roots.pem'), 'utf8'))).toEqual(
      created.trustAnchors('auth'),
    );
  });

  it('loads the same PKI the second time', async () => {
    const first = await TestPki.fromJSON(JSON.parse(readFileSync(path.join(dir(), PKI_FILE), 'utf8')));
    const again = await loadOrCreateTestPki(dir());
    expect(again.roots).toEqual(first.roots);
  });

  it('saveTestPki persists a revocation and publishes it in the CRL file', async () => {
    const loaded = await loadOrCreateTestPki(dir());
    const issued = await loaded.issueCard(DEMO_HOLDERS[5]!);
    loaded.revoke('sign', issued.signSerialHex);
    await saveTestPki(loaded, dir());

    const reloaded = await loadOrCreateTestPki(dir());
    expect(reloaded.isRevoked('sign', issued.signSerialHex)).toBe(true);
    const crl = parseCrl(new Uint8Array(readFileSync(path.join(dir(), 'sign-root-2.crl'))));
    expect(crl.isCertificateRevoked(parseCertificate(issued.signCertificate))).toBe(true);
    expect(
      await crl.verify({ issuerCertificate: parseCertificate(reloaded.root('sign', 2).certificate) }),
    ).toBe(true);
    expect(readdirSync(dir()).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('two concurrent first loads agree on one PKI', async () => {
    const shared = path.join(scratch, 'race');
    const [a, b] = await Promise.all([loadOrCreateTestPki(shared), loadOrCreateTestPki(shared)]);
    expect(a.roots).toEqual(b.roots);
    const onDisk = await TestPki.fromJSON(JSON.parse(readFileSync(path.join(shared, PKI_FILE), 'utf8')));
    expect(onDisk.roots).toEqual(a.roots);
    expect(existsSync(path.join(shared, 'sign-roots.pem'))).toBe(true);
  });
});

describe('credentialsToJSON / credentialsFromJSON', () => {
  it('round-trips a card identity through a JSON string', () => {
    const text = JSON.stringify(credentialsToJSON(card));
    const back = credentialsFromJSON(JSON.parse(text));
    expect(back).toEqual(card);
    expect(back.signCertificate).toBeInstanceOf(Uint8Array);
    const key = createPrivateKey({
      key: Buffer.from(back.signPrivateKeyPkcs8),
      format: 'der',
      type: 'pkcs8',
    });
    expect(key.asymmetricKeyType).toBe('rsa');
  });

  it('stores binary fields as base64 strings', () => {
    const json = credentialsToJSON(card);
    expect(Buffer.from(json.authCertificate, 'base64')).toEqual(Buffer.from(card.authCertificate));
    expect(json.holder.name).toBe(DEMO_HOLDERS[3]!.name);
  });

  it('rejects incomplete JSON', () => {
    const json = credentialsToJSON(card);
    expect(() => credentialsFromJSON({ ...json, signPrivateKeyPkcs8: undefined })).toThrow(
      'signPrivateKeyPkcs8',
    );
    expect(() => credentialsFromJSON(null)).toThrow('holder');
  });
});

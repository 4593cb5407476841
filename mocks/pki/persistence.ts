/**
 * The test PKI on disk, and virtual-card credentials as JSON. Layout of a PKI directory:
 *   pki.json                         roots + private keys, issued serials, revocations (mode 0600)
 *   auth-root-<g>.pem, sign-root-<g>.pem   each trust anchor (for `--trust-anchor F.pem`)
 *   auth-roots.pem, sign-roots.pem   every generation of a kind in one bundle (openssl -CAfile)
 *   auth-root-<g>.crl, sign-root-<g>.crl   current DER CRL of each generation
 * Every file is written to a temporary name and renamed, so readers never see half a file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fromBase64, toBase64 } from './engine';
import { toPem } from './pem';
import { createTestPki, TestPki } from './test-pki';
import type { CardCredentials, CardHolder, CreateTestPkiOptions } from './types';

export const PKI_FILE = 'pki.json';

function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Writes `data` to `file` atomically (temp file in the same directory, then rename). */
async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const temp = tempNameFor(file);
  try {
    await fs.writeFile(temp, data, { mode });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Creates `file` only if it does not exist yet (link() fails on an existing target), so two
 * processes starting at once cannot both create a PKI. Returns false if someone else won.
 */
async function createFileExclusive(file: string, data: string, mode: number): Promise<boolean> {
  const temp = tempNameFor(file);
  await fs.writeFile(temp, data, { mode });
  try {
    await fs.link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function readPki(file: string): Promise<TestPki | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return TestPki.fromJSON(JSON.parse(text));
}

/** Writes the trust anchors (single and bundled) and a fresh CRL per root generation. */
async function writePublicFiles(pki: TestPki, dir: string): Promise<void> {
  for (const kind of ['auth', 'sign'] as const) {
    const bundle: string[] = [];
    for (const generation of pki.generations(kind)) {
      const pem = toPem(pki.root(kind, generation).certificate, 'CERTIFICATE');
      bundle.push(pem);
      await writeFileAtomic(path.join(dir, `${kind}-root-${generation}.pem`), pem);
      await writeFileAtomic(
        path.join(dir, `${kind}-root-${generation}.crl`),
        await pki.crl(kind, generation),
      );
    }
    await writeFileAtomic(path.join(dir, `${kind}-roots.pem`), bundle.join(''));
  }
}

/**
 * Saves the PKI (after revoke() or issueCard()) with its trust anchors and fresh CRLs. CRLs are
 * issued before pki.json is written so the stored cRLNumbers stay ahead of any CRL on disk.
 */
export async function saveTestPki(pki: TestPki, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await writePublicFiles(pki, dir);
  await writeFileAtomic(path.join(dir, PKI_FILE), `${JSON.stringify(pki.toJSON(), null, 2)}\n`, 0o600);
}

/**
 * Loads dir/pki.json, or creates a PKI and stores it there. Either way the PEM trust anchors and
 * CRLs are (re)written, so the directory is complete after this call.
 */
export async function loadOrCreateTestPki(dir: string, options: CreateTestPkiOptions = {}): Promise<TestPki> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, PKI_FILE);
  let pki = await readPki(file);
  if (!pki) {
    const created = await createTestPki(options);
    const json = `${JSON.stringify(created.toJSON(), null, 2)}\n`;
    pki = (await createFileExclusive(file, json, 0o600)) ? created : await readPki(file);
    if (!pki) throw new Error(`${file} vanished while being created`);
  }
  await saveTestPki(pki, dir);
  return pki;
}

/** JSON form of a virtual card's identity: DER certificates and PKCS#8 keys in base64. */
export interface CardCredentialsJson {
  holder: CardHolder;
  authCertificate: string;
  authPrivateKeyPkcs8: string;
  authCaCertificate: string;
  signCertificate: string;
  signPrivateKeyPkcs8: string;
  signCaCertificate: string;
  authSerialHex: string;
  signSerialHex: string;
}

const BINARY_FIELDS = [
  'authCertificate',
  'authPrivateKeyPkcs8',
  'authCaCertificate',
  'signCertificate',
  'signPrivateKeyPkcs8',
  'signCaCertificate',
] as const;

/** Each binary field of the credentials, converted by `convert` (base64 one way or the other). */
function mapBinaryFields<From, To>(
  source: Record<(typeof BINARY_FIELDS)[number], From>,
  convert: (value: From) => To,
): Record<(typeof BINARY_FIELDS)[number], To> {
  return Object.fromEntries(BINARY_FIELDS.map((field) => [field, convert(source[field])])) as Record<
    (typeof BINARY_FIELDS)[number],
    To
  >;
}

export function credentialsToJSON(credentials: CardCredentials): CardCredentialsJson {
  return {
    holder: { ...credentials.holder },
    ...mapBinaryFields(credentials, toBase64),
    authSerialHex: credentials.authSerialHex,
    signSerialHex: credentials.signSerialHex,
  };
}

export function credentialsFromJSON(input: unknown): CardCredentials {
  const json = input as Partial<CardCredentialsJson> | null;
  if (!json || typeof json !== 'object' || !json.holder || typeof json.holder.name !== 'string') {
    throw new Error('card credentials JSON lacks the holder');
  }
  for (const field of [...BINARY_FIELDS, 'authSerialHex', 'signSerialHex'] as const) {
    if (typeof json[field] !== 'string') throw new Error(`card credentials JSON lacks ${field}`);
  }
  const full = json as CardCredentialsJson;
  return {
    holder: { ...full.holder },
    ...mapBinaryFields(full, fromBase64),
    authSerialHex: full.authSerialHex,
    signSerialHex: full.signSerialHex,
  };
}

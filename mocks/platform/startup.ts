/**
 * Builds a simulator from files, as `npm run platform` does: the test PKI directory (all root
 * generations of both kinds + fresh CRLs issued from its revocation list + J-LIS's records of its
 * cards, read again when pki.json changes), extra trust anchors in PEM (for a card from another PKI),
 * external CRLs (DER or PEM) and J-LIS data files (`--jlis-data`). Node only.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadOrCreateTestPki, PKI_FILE } from '../pki/persistence';
import { fromPemAll } from '../pki/pem';
import { TestPki } from '../pki/test-pki';
import {
  JlisDataError,
  parseJlisData,
  SimulatedJlis,
  type JlisData,
  type JlisSource,
} from './simulator/jlis';
import type { LimitRules } from './simulator/limits';
import { NODE_CRYPTO } from './node-crypto';
import { readSendersFile } from './senders-file';
import { MemoryStore } from './store/record-store';
import { SqliteStore } from './store/sqlite-store';
import { PlatformSimulator, type AnchorInput } from './simulator/simulator';
import { anchorKindOf } from './simulator/verification';

export interface PlatformFiles {
  /** Test PKI directory; undefined: trust only the given anchors. */
  pkiDir?: string;
  /**
   * PEM files with roots to trust (one or several certificates each). A root whose subject OU says
   * "digital signature" is a signature-certificate root (registration); any other an auth root.
   */
  trustAnchorFiles?: string[];
  /** PEM files whose roots are all signature-certificate roots. */
  signTrustAnchorFiles?: string[];
  /** CRL files, DER or PEM. */
  crlFiles?: string[];
  requireCrl?: boolean;
  /** J-LIS data files: {"links":[{"auth":F,"sign":F}],"renewals":[{"old":F,"new":F}]}. */
  jlisDataFiles?: string[];
  /** Rate limits (default the simulator's; false: none, e.g. for measurements). */
  limits?: LimitRules | false;
  now?: () => Date;
  /** Keeps the platform's records in SQLite in this directory (default: in memory). */
  dataDir?: string;
  /** The senders' credentials file (made with fresh ones when missing). */
  sendersFile?: string;
}

export interface LoadedPlatform {
  simulator: PlatformSimulator;
  /** Closes the data directory's database (after the server stopped). */
  close(): void;
  /** Why the operator should look at the configuration (printed by the CLI). */
  warnings: string[];
  /** Re-reads the PKI's revocations and the CRL files, and installs fresh CRLs. */
  refreshCrls(): Promise<number>;
}

async function readCertificates(file: string): Promise<Uint8Array[]> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read trust anchor ${file}: ${error.code ?? error.message}`);
  });
  const certificates = fromPemAll(text, 'CERTIFICATE');
  if (certificates.length === 0) throw new Error(`${file} holds no PEM CERTIFICATE`);
  return certificates;
}

async function readCrlFile(file: string): Promise<Uint8Array[]> {
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read CRL ${file}: ${error.code ?? error.message}`);
  });
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const crls = fromPemAll(text, 'X509 CRL');
    if (crls.length === 0) throw new Error(`${file} holds no PEM X509 CRL`);
    return crls;
  }
  return [new Uint8Array(bytes)];
}

/** Fresh CRLs of every root generation, from the PKI's current pki.json (another process may revoke). */
async function crlsOfPki(pkiDir: string): Promise<Uint8Array[]> {
  const pki = await TestPki.fromJSON(JSON.parse(await fs.readFile(path.join(pkiDir, PKI_FILE), 'utf8')));
  const crls: Uint8Array[] = [];
  for (const kind of ['auth', 'sign'] as const) {
    for (const generation of pki.generations(kind)) crls.push(await pki.crl(kind, generation));
  }
  return crls;
}

/** Reads and checks a `--jlis-data` file; JlisDataError (ja/en, naming the entry) when malformed. */
async function readJlisDataFile(file: string): Promise<JlisData> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new JlisDataError(
      `J-LIS データ ${file} を読めません（${error.code ?? error.message}）`,
      `cannot read J-LIS data ${file} (${error.code ?? error.message})`,
    );
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new JlisDataError(`${file}: JSON として読めません（${why}）`, `${file}: not JSON (${why})`);
  }
  return parseJlisData(json, file);
}

async function versionOf(file: string): Promise<string> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : 'missing';
}

/**
 * A `--jlis-data` file, read again when it changes (an operator adds a card's records without a
 * restart). Checked at start; a later malformed version is reported and the last good one kept.
 */
async function jlisFileSource(
  file: string,
  report: (message: string) => void = (message) => console.error(message),
): Promise<JlisSource> {
  let good = await readJlisDataFile(file);
  return {
    version: () => versionOf(file),
    load: async () => {
      try {
        good = await readJlisDataFile(file);
      } catch (error) {
        report(error instanceof Error ? error.message : String(error));
      }
      return good;
    },
  };
}

/** J-LIS's records of the test PKI's cards, re-read when pki.json changes (a card issued meanwhile). */
function testPkiJlisSource(pkiDir: string): JlisSource {
  const file = path.join(pkiDir, PKI_FILE);
  return {
    version: () => versionOf(file),
    load: async () => {
      const json = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as {
        jlis?: Partial<JlisData>;
      };
      return { links: json.jlis?.links ?? [], renewals: json.jlis?.renewals ?? [] };
    },
  };
}

export async function loadPlatform(files: PlatformFiles): Promise<LoadedPlatform> {
  const auth: AnchorInput[] = [];
  const sign: AnchorInput[] = [];
  const warnings: string[] = [];
  if (files.pkiDir) {
    const pki = await loadOrCreateTestPki(files.pkiDir);
    auth.push(...pki.trustAnchors('auth'));
    sign.push(...pki.trustAnchors('sign'));
  }
  // Extra roots are revocation-checked when CRLs are given; without any, the operator is warned and
  // their certificates are accepted unchecked (the test PKI's roots always have CRLs and fail closed).
  const extraRequireCrl = (files.crlFiles ?? []).length > 0;
  for (const file of files.trustAnchorFiles ?? []) {
    for (const der of await readCertificates(file)) {
      (anchorKindOf(der) === 'sign' ? sign : auth).push({ der, requireCrl: extraRequireCrl });
    }
  }
  for (const file of files.signTrustAnchorFiles ?? []) {
    for (const der of await readCertificates(file)) sign.push({ der, requireCrl: extraRequireCrl });
  }
  if (auth.length === 0) throw new Error('no trust anchor: give --pki DIR or --trust-anchor F.pem');
  const extras = (files.trustAnchorFiles ?? []).length + (files.signTrustAnchorFiles ?? []).length;
  if (extras > 0 && !extraRequireCrl) {
    warnings.push('no --crl given: certificates of the extra trust anchors are not checked for revocation');
  }

  const jlis = new SimulatedJlis();
  if (files.pkiDir) jlis.addSource(testPkiJlisSource(files.pkiDir));
  for (const file of files.jlisDataFiles ?? []) jlis.addSource(await jlisFileSource(file));

  const store = files.dataDir ? SqliteStore.open(files.dataDir) : new MemoryStore();
  const simulator = await PlatformSimulator.create({
    trustAnchors: { auth, sign },
    requireCrl: files.requireCrl ?? true,
    jlis,
    crypto: NODE_CRYPTO,
    store,
    ...(files.sendersFile ? { senders: await readSendersFile(files.sendersFile) } : {}),
    ...(files.limits !== undefined ? { limits: files.limits } : {}),
    ...(files.now ? { now: files.now } : {}),
  });
  const refreshCrls = async (): Promise<number> => {
    const crls = files.pkiDir ? await crlsOfPki(files.pkiDir) : [];
    for (const file of files.crlFiles ?? []) crls.push(...(await readCrlFile(file)));
    await simulator.setCrls(crls);
    return crls.length;
  };
  await refreshCrls();
  return { simulator, warnings, refreshCrls, close: () => store.close() };
}

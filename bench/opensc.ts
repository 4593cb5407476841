/**
 * OpenSC's cost for the same login work on the same card, counted by the card itself: read the auth
 * certificate (pkcs15-tool), PIN status (pkcs15-tool), sign with the auth key (pkcs11-tool), each
 * checked to have succeeded. OpenSC gets its own opensc.conf: it ignores every other reader (the
 * tests' card must never see our probes), connects exclusively (no other process can slip APDUs
 * into our count) and caches no files (every run reads the card).
 */
import { X509Certificate } from 'node:crypto';
import { accessSync, constants, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jpkiSelectIndex, type CardRig, type CardSideApdu } from './card-rig';
import { runCommand, type Cleanup, type CommandResult } from './cleanup';

const OPENSC_PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const AUTH_CERTIFICATE_ID = '01';
const AUTH_TOKEN_HINT = /User Authentication/i;

export interface OpenscCommandCount {
  work: string;
  /** The command line with the PIN masked. */
  commandLine: string;
  apdus: number;
  /** APDUs before the JPKI AP SELECT: OpenSC's card detection probing other applications. */
  probes?: number;
  /** APDUs from the JPKI AP SELECT (included) on. */
  fromJpkiSelect?: number;
  /** Card-side view (headers, AIDs, SWs; never data), for --verbose and the JSON. */
  sequence: CardSideApdu[];
}

export type OpenscOutcome =
  | { status: 'not-installed'; missing: string }
  | { status: 'failed'; error: string }
  | {
      status: 'ok';
      version: string;
      tokenLabel: string;
      /** `pkcs11-tool -L`, run once to find the token: not part of the work. */
      discoveryApdus: number;
      commands: OpenscCommandCount[];
      total: number;
      totalFromJpkiSelect?: number;
      /** The pkcs11-tool sign command alone: one session that also reads the certificates at init. */
      signSession: Omit<OpenscCommandCount, 'sequence'>;
    };

export interface OpenscRunOptions {
  rig: CardRig;
  tempDir: string;
  cleanup: Cleanup;
  pin: string;
  /** The auth certificate our driver read: OpenSC must read the same one. */
  authCertificate: Uint8Array;
  challenge: Uint8Array;
  /** The auth PIN counter when nothing was spent; retries stop if it ever drops. */
  fullTries: number;
  progress: (message: string) => void;
}

/** Programs that must be on PATH; the first missing one makes the whole row "n/a". */
const PROGRAMS = ['opensc-tool', 'pkcs15-tool', 'pkcs11-tool'] as const;

export function missingOpenscPart(): string | undefined {
  for (const program of PROGRAMS) if (!onPath(program)) return program;
  if (!isReadable(OPENSC_PKCS11_MODULE)) return OPENSC_PKCS11_MODULE;
  return undefined;
}

/** Runs OpenSC against the inserted card. Errors are returned as 'failed', never swallowed. */
export async function measureOpenSc(options: OpenscRunOptions): Promise<OpenscOutcome> {
  const missing = missingOpenscPart();
  if (missing) return { status: 'not-installed', missing };
  if (!onPath('openssl'))
    return { status: 'failed', error: 'openssl is needed to verify OpenSC’s signature' };
  try {
    return await runOpenSc(options);
  } catch (error) {
    return { status: 'failed', error: (error as Error).message };
  }
}

async function runOpenSc(options: OpenscRunOptions): Promise<OpenscOutcome> {
  const { rig, tempDir, cleanup } = options;
  const reader = rig.readerName;
  const env = { ...process.env, OPENSC_CONF: writeOpenscConf(rig, tempDir) };
  const shown = (program: string, args: string[]) =>
    `${program} ${maskPin(args).join(' ')}`.replaceAll(`${tempDir}${path.sep}`, '$TMP/');
  const run = async (program: string, args: string[]): Promise<CommandResult> => {
    const result = await runCommand(cleanup, program, args, { env });
    if (result.code !== 0) {
      const said = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' / ');
      throw new Error(`${shown(program, args)} exited with ${result.code}: ${said}`);
    }
    return result;
  };
  // Each attempt gets its own count window: a retry after "reader in use" starts the count afresh.
  const counted = (work: string, program: string, args: string[]) =>
    retrying(options, work, async () => {
      const start = rig.cardLog.length;
      const result = await run(program, args);
      const sequence = rig.cardLog.slice(start);
      return { result, count: countOf(work, shown(program, args), sequence) };
    });

  const version = (await run('opensc-tool', ['--info'])).stdout.split('\n')[0]!.trim();
  const listed = (await run('opensc-tool', ['--list-readers'])).stdout;
  if (!listed.includes(reader)) throw new Error(`OpenSC does not list reader "${reader}":\n${listed}`);

  const pkcs11 = ['--module', OPENSC_PKCS11_MODULE];
  const discoveryStart = rig.cardLog.length;
  const tokenLabel = await retrying(options, 'find the auth token', async () =>
    authTokenLabel((await run('pkcs11-tool', [...pkcs11, '-L'])).stdout, reader),
  );
  const discoveryApdus = rig.cardLog.length - discoveryStart;

  const read = await counted('read auth certificate', 'pkcs15-tool', [
    '--reader',
    reader,
    '--read-certificate',
    AUTH_CERTIFICATE_ID,
  ]);
  const certPem = path.join(tempDir, 'auth-cert.pem');
  writeFileSync(certPem, read.result.stdout);
  if (!Buffer.from(new X509Certificate(read.result.stdout).raw).equals(options.authCertificate)) {
    throw new Error('OpenSC read a different auth certificate from the one our driver read');
  }

  const pins = await counted('PIN status', 'pkcs15-tool', ['--reader', reader, '--list-pins']);
  const tries = authTriesLeft(pins.result.stdout);
  if (tries !== rig.authTriesLeft) {
    throw new Error(
      `pkcs15-tool reported ${tries ?? 'no'} tries left for the auth PIN, the card holds ${rig.authTriesLeft}`,
    );
  }

  const input = path.join(tempDir, 'challenge.bin');
  const signature = path.join(tempDir, 'opensc-signature.bin');
  writeFileSync(input, options.challenge);
  const sign = await counted('sign (auth key)', 'pkcs11-tool', [
    ...pkcs11,
    '--token-label',
    tokenLabel,
    '--login',
    '--pin',
    options.pin,
    '--sign',
    '-m',
    'SHA256-RSA-PKCS',
    '--id',
    AUTH_CERTIFICATE_ID,
    '-i',
    input,
    '-o',
    signature,
  ]);
  await verifyWithOpenssl(cleanup, tempDir, certPem, input, signature);

  const commands = [read.count, pins.count, sign.count];
  const afterSelect = commands.map((c) => c.fromJpkiSelect);
  return {
    status: 'ok',
    version,
    tokenLabel,
    discoveryApdus,
    commands,
    total: commands.reduce((sum, c) => sum + c.apdus, 0),
    ...(afterSelect.every((n) => n !== undefined)
      ? { totalFromJpkiSelect: afterSelect.reduce((sum, n) => sum + n, 0) }
      : {}),
    signSession: withoutSequence(sign.count),
  };
}

/** Another process may hold the card for a moment (the tests' OpenSC does not ignore our reader). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1_000;

async function retrying<T>(options: OpenscRunOptions, what: string, attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      // Never retry once a PIN try might have been spent: the bench must leave the card as it was.
      if (round === ATTEMPTS || options.cleanup.closed) throw error;
      if (options.rig.authTriesLeft !== options.fullTries) throw error;
      options.progress(`card: OpenSC ${what} failed (${(error as Error).message.split('\n')[0]}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}

function withoutSequence({ sequence: _sequence, ...count }: OpenscCommandCount) {
  return count;
}

function countOf(work: string, commandLine: string, sequence: CardSideApdu[]): OpenscCommandCount {
  const select = jpkiSelectIndex(sequence);
  return {
    work,
    commandLine,
    apdus: sequence.length,
    ...(select >= 0 ? { probes: select, fromJpkiSelect: sequence.length - select } : {}),
    sequence,
  };
}

/** OpenSC matches reader names by substring: list every other reader, unless it is part of ours. */
function writeOpenscConf(rig: CardRig, tempDir: string): string {
  const others = rig.monitor
    .readers()
    .map((r) => r.name)
    .filter((name) => name !== rig.readerName && !rig.readerName.includes(name) && !name.includes('"'));
  const ignored = others.length ? `  ignored_readers = ${others.map((n) => `"${n}"`).join(', ')};\n` : '';
  const file = path.join(tempDir, 'opensc.conf');
  writeFileSync(
    file,
    `app default {\n${ignored}` +
      `  reader_driver pcsc {\n    connect_exclusive = true;\n  }\n` +
      `  framework pkcs15 {\n    use_file_caching = no;\n  }\n}\n`,
  );
  return file;
}

/** From `pkcs11-tool -L`: the token label of the auth-PIN slot on our reader. */
export function authTokenLabel(listing: string, readerName: string): string {
  const slots = listing.split(/^(?=Slot \d+)/m).filter((block) => block.startsWith('Slot '));
  for (const block of slots) {
    const description = /^Slot \d+ \(0x[0-9a-f]+\): (.*)$/im.exec(block)?.[1]?.trim() ?? '';
    const label = /^\s*token label\s*:\s*(.*)$/m.exec(block)?.[1]?.trim();
    if (label && description.startsWith(readerName) && AUTH_TOKEN_HINT.test(label)) return label;
  }
  throw new Error(`pkcs11-tool -L shows no auth-PIN token on "${readerName}":\n${listing}`);
}

/** From `pkcs15-tool --list-pins`: "Tries left" of the User Authentication PIN. */
export function authTriesLeft(listing: string): number | undefined {
  const block = listing.split(/^(?=PIN \[)/m).find((b) => AUTH_TOKEN_HINT.test(b.split('\n')[0] ?? ''));
  const tries = block && /Tries left\s*:\s*(\d+)/.exec(block)?.[1];
  return tries ? Number(tries) : undefined;
}

async function verifyWithOpenssl(
  cleanup: Cleanup,
  tempDir: string,
  certPem: string,
  input: string,
  signature: string,
): Promise<void> {
  const publicKey = path.join(tempDir, 'auth-public-key.pem');
  const extract = await runCommand(cleanup, 'openssl', [
    'x509',
    '-in',
    certPem,
    '-pubkey',
    '-noout',
    '-out',
    publicKey,
  ]);
  if (extract.code !== 0) throw new Error(`openssl x509 failed: ${extract.stderr.trim()}`);
  const verify = await runCommand(cleanup, 'openssl', [
    'dgst',
    '-sha256',
    '-verify',
    publicKey,
    '-signature',
    signature,
    input,
  ]);
  if (verify.code !== 0 || !verify.stdout.includes('Verified OK')) {
    throw new Error(`OpenSC’s signature does not verify with the auth certificate: ${verify.stdout.trim()}`);
  }
}

/** For display: the PIN masked, arguments with spaces quoted. */
function maskPin(args: string[]): string[] {
  return args.map((arg, index) =>
    args[index - 1] === '--pin' ? '****' : arg.includes(' ') ? `"${arg}"` : arg,
  );
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && isExecutable(path.join(dir, program)));
}

/** Whether this process may use `file` as `mode` says (constants.X_OK, R_OK). */
function mayAccess(file: string, mode: number): boolean {
  try {
    accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  return mayAccess(file, constants.X_OK);
}

function isReadable(file: string): boolean {
  return mayAccess(file, constants.R_OK);
}

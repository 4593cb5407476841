/**
 * `npm run bench -- card`: the login card work — read the auth certificate, auth PIN status, sign
 * with the auth key — through the real pcscd with our JpkiCard, against
 *   - the floor: the very same APDU bytes replayed back to back over bare pcsclite, and
 *   - OpenSC: the APDUs it needs for the same work on the same card, counted by the card.
 * Every run starts from a freshly inserted card (power-up) and a new JpkiCard; detect() on
 * insertion is measured separately from the work.
 */
import { createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CardBusyError } from '../native-bridge/src/jpki/errors';
import { JpkiCard, type JpkiCardOptions } from '../native-bridge/src/jpki/jpki-card';
import { PcscCode, pcscCodeOf } from '../native-bridge/src/transport/pcsc-errors';
import { AUTH_PIN, CardRig, type CardSideApdu } from './card-rig';
import type { Cleanup } from './cleanup';
import { cardTable } from './card-report';
import { measureOpenSc, missingOpenscPart, type OpenscOutcome, type OpenscRunOptions } from './opensc';
import { RawReader, RecordingTransport, replayFloor } from './pcsc-floor';
import { median, type Table } from './report';

export interface BenchContext {
  runs: number;
  /** memory: login → health → logout cycles (--cycles). */
  cycles: number;
  /** bridge: the bundle's card cycles (--card-cycles). */
  cardCycles: number;
  readerName: string;
  vpcdPort: number;
  verbose: boolean;
  cleanup: Cleanup;
  progress: (message: string) => void;
}

export interface BenchOutcome {
  table: Table;
  /** Plain numbers for --json. */
  data: unknown;
  /** Non-empty: the bench failed (after printing what it has). */
  failures: string[];
}

/** The auth PIN's counter when full: the bench never spends a try. */
const FULL_AUTH_TRIES = 3;

type ShortEf = NonNullable<JpkiCardOptions['shortEfAddressing']>;

/** What one run on one insertion measured. Times in milliseconds. */
interface RunMeasure {
  detectApdus: number;
  detectMs: number;
  workApdus: number;
  perOperation: { readCertificate: number; pinStatus: number; sign: number };
  workMs: number;
  floorMs?: number;
  /** What the card saw of the work (headers and SWs, never data), for --verbose. */
  cardSide: CardSideApdu[];
}

export interface CardBenchResult {
  reader: string;
  runs: number;
  runMethod: string;
  detect: { apdus: number; ms: number };
  ours: {
    apdus: number;
    ms: number;
    msPerRun: number[];
    perOperation: RunMeasure['perOperation'];
    cardSide: CardSideApdu[];
  };
  floor: { ms: number; msPerRun: number[] };
  shortEfAddressing: Record<'enabled' | 'disabled', { detectApdus: number; workApdus: number }>;
  opensc: OpenscOutcome;
}

export async function runCardBench(context: BenchContext): Promise<BenchOutcome> {
  const { cleanup, progress } = context;
  const tempDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-bench-card-'));
  cleanup.add('remove the temp dir', () => rmSync(tempDir, { recursive: true, force: true }));

  progress(
    `card: putting a fresh test-PKI card into "${context.readerName}" (vpcd port ${context.vpcdPort})`,
  );
  const rig = await CardRig.start({
    readerName: context.readerName,
    vpcdPort: context.vpcdPort,
    cleanup,
  });
  const raw = await RawReader.open(context.readerName, cleanup);

  // One untimed run first: the first pass through the driver and pcsclite pays for JIT and loading.
  const run = (shortEf: ShortEf, floor = true) =>
    whenFree(progress, () => measureRun(rig, raw, shortEf, { floor }));
  await run('auto');
  const measured: RunMeasure[] = [];
  for (let index = 1; index <= context.runs; index++) {
    progress(`card: run ${index}/${context.runs}`);
    measured.push(await run('auto'));
  }
  progress('card: short-EF addressing disabled, for the APDU count');
  const noShortEf = await run('never', false);

  const opensc = await openScOnFreshCard(rig, {
    tempDir,
    cleanup,
    pin: AUTH_PIN,
    authCertificate: rig.credentials.authCertificate,
    challenge: randomBytes(32),
    fullTries: FULL_AUTH_TRIES,
    progress,
  });
  if (rig.authTriesLeft !== FULL_AUTH_TRIES) {
    throw new Error(`the bench spent PIN tries: ${rig.authTriesLeft} left`);
  }

  const first = measured[0]!;
  const result: CardBenchResult = {
    reader: context.readerName,
    runs: context.runs,
    runMethod: 'each run: card freshly inserted (power-up), new JpkiCard, detect(), then the timed work',
    detect: {
      apdus: median(measured.map((m) => m.detectApdus)),
      ms: round3(median(measured.map((m) => m.detectMs))),
    },
    ours: {
      apdus: median(measured.map((m) => m.workApdus)),
      ms: round3(median(measured.map((m) => m.workMs))),
      msPerRun: measured.map((m) => round3(m.workMs)),
      perOperation: first.perOperation,
      cardSide: first.cardSide,
    },
    floor: {
      ms: round3(median(measured.map((m) => m.floorMs!))),
      msPerRun: measured.map((m) => round3(m.floorMs!)),
    },
    shortEfAddressing: {
      enabled: { detectApdus: first.detectApdus, workApdus: first.workApdus },
      disabled: { detectApdus: noShortEf.detectApdus, workApdus: noShortEf.workApdus },
    },
    opensc,
  };
  const failures = opensc.status === 'failed' ? [`OpenSC: ${opensc.error}`] : [];
  if (new Set(measured.map((m) => m.workApdus)).size > 1) {
    failures.push(`our APDU count varied between runs: ${measured.map((m) => m.workApdus).join(', ')}`);
  }
  return { table: cardTable(result, context.verbose), data: result, failures };
}

/** OpenSC's commands on a freshly inserted card; no card is inserted when OpenSC is missing. */
async function openScOnFreshCard(
  rig: CardRig,
  options: Omit<OpenscRunOptions, 'rig'>,
): Promise<OpenscOutcome> {
  const missing = missingOpenscPart();
  if (missing) return { status: 'not-installed', missing };
  options.progress('card: OpenSC on the same card');
  await rig.insert();
  try {
    return await measureOpenSc({ rig, ...options });
  } finally {
    await rig.remove();
  }
}

/**
 * Another process may have the card for a moment (a PKCS#11 app enumerating every reader): our
 * exclusive connect then fails with a sharing violation. Each run starts on a fresh insertion,
 * so trying again later is the same measurement.
 */
async function whenFree<T>(progress: (message: string) => void, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const busy = error instanceof CardBusyError || pcscCodeOf(error) === PcscCode.sharingViolation;
      if (!busy || attempt === 3) throw error;
      progress('card: another process holds the card; trying again in 1 s');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** One insertion: detect, the timed work, checks, then (optionally) the floor replay of the same bytes. */
async function measureRun(
  rig: CardRig,
  raw: RawReader,
  shortEf: ShortEf,
  options: { floor: boolean } = { floor: true },
): Promise<RunMeasure> {
  await rig.insert();
  try {
    const transport = rig.transport();
    const recording = new RecordingTransport(transport);
    const driver = new JpkiCard(recording, { shortEfAddressing: shortEf });
    const challenge = randomBytes(32);
    const digest = createHash('sha256').update(challenge).digest();

    let started = performance.now();
    await driver.detect();
    const detectMs = performance.now() - started;
    const detectApdus = driver.apduCount;
    const primeLength = recording.exchanges.length;
    const cardLogStart = rig.cardLog.length;

    started = performance.now();
    const certificate = await driver.readCertificate('auth');
    const afterRead = driver.apduCount;
    const pin = await driver.pinStatus('auth');
    const afterPin = driver.apduCount;
    const signature = await driver.sign('auth', AUTH_PIN, digest);
    const workMs = performance.now() - started;

    const workApdus = driver.apduCount - detectApdus;
    checkWork(rig, certificate, pin.triesLeft, challenge, signature);
    const cardSide = rig.cardLog.slice(cardLogStart);
    if (cardSide.length !== workApdus) {
      throw new Error(`the card answered ${cardSide.length} APDUs where the driver counted ${workApdus}`);
    }
    await transport.release(true);

    let floorMs: number | undefined;
    if (options.floor) {
      await raw.connect();
      const exchanges = recording.exchanges;
      floorMs = await replayFloor(raw, exchanges.slice(0, primeLength), exchanges.slice(primeLength));
      await raw.disconnect();
    }
    return {
      detectApdus,
      detectMs,
      workApdus,
      perOperation: {
        readCertificate: afterRead - detectApdus,
        pinStatus: afterPin - afterRead,
        sign: driver.apduCount - afterPin,
      },
      workMs,
      floorMs,
      cardSide,
    };
  } finally {
    await rig.remove();
  }
}

/** The work must have succeeded: right certificate, full PIN counter, a signature that verifies. */
function checkWork(
  rig: CardRig,
  certificate: Uint8Array,
  triesLeft: number,
  challenge: Buffer,
  signature: Uint8Array,
): void {
  if (!Buffer.from(certificate).equals(Buffer.from(rig.credentials.authCertificate))) {
    throw new Error('証明書が違います / the driver read a different auth certificate from the card’s');
  }
  if (triesLeft !== rig.authTriesLeft) {
    throw new Error(`PIN status says ${triesLeft} tries left, the card holds ${rig.authTriesLeft}`);
  }
  const publicKey = new X509Certificate(Buffer.from(certificate)).publicKey;
  if (!verify('sha256', challenge, publicKey, signature)) {
    throw new Error('署名を検証できません / our signature does not verify with the auth certificate’s key');
  }
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

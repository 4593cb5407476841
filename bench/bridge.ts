/**
 * `npm run bench -- bridge`: what the reference bridge adds to a call. For getStatus, getPinStatus,
 * readCertificate and sign: the JSON-RPC round trip over a loopback WebSocket to the bridge process
 * (simulator backend), against the same card work done in this process by JpkiCard over the raw
 * in-process transport. Goal: at most 1 ms added, median. Then the production bundle's memory, idle
 * and over card cycles on the bench's vpcd reader (bundle-memory.ts): needs pcscd.
 */
import { createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { JPKI_TOKEN_LABEL, PIN_MAX_TRIES } from '../stb-spec/protocol/jpki-card';
import type { PinStatus } from '../native-bridge/src/jpki/jpki-card';
import type { ResultOf } from '../stb-spec/protocol';
import type { BenchContext, BenchOutcome } from './card';
import { AUTH_PIN, BenchSetupError } from './card-rig';
import { bridgeTable, methodResult, ADDED_LATENCY_GOAL_MS, type BridgeBenchResult } from './bridge-report';
import { BridgeClient, openFloorCard, parseLogLine, startBridgeProcess, type FloorCard } from './bridge-rig';
import { timePaired, type PairedSamples, type TimedPair } from './timing';
import { measureBundleMemory } from './bundle-memory';

/** Calls timed per method and run; sign is the slow one (an RSA-2048 private-key operation). */
const ITERATIONS = { getStatus: 200, getPinStatus: 200, readCertificate: 200, sign: 50 };
/** Discarded at the start of every run and method: socket buffers, the card's caches. */
const WARMUP = { getStatus: 20, getPinStatus: 20, readCertificate: 20, sign: 5 };
/**
 * Whole untimed runs (650 call pairs each) before the first timed one: on the 2-CPU dev VM both the
 * round trip and the floor keep getting faster for ~4000 pairs (getStatus 0.27 → 0.07 ms, the
 * floor's getPinStatus 0.030 → 0.008 ms), then stay flat.
 */
const WARMUP_RUNS = 6;

type BenchedMethod = keyof typeof ITERATIONS;

interface MethodPlan {
  method: BenchedMethod;
  params: string;
  measure(count: number): Promise<PairedSamples>;
}

export async function runBridgeBench(context: BenchContext): Promise<BenchOutcome> {
  const { cleanup, progress } = context;
  const started = performance.now();
  const tempDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-bench-bridge-'));
  cleanup.add('remove the temp dir', () => rmSync(tempDir, { recursive: true, force: true }));

  progress('bridge: starting the reference bridge (simulator backend) as a child process');
  const bridge = await startBridgeProcess(tempDir, cleanup);
  const client = await BridgeClient.connect(bridge.url);
  cleanup.add('close the WebSocket', () => client.close());
  await client.keepWithinLimits();
  const floor = openFloorCard(bridge.stateFile);
  if (floor.state.pins.auth !== AUTH_PIN) {
    throw new BenchSetupError(`the simulated card's auth PIN is not the bench's (${AUTH_PIN.length} digits)`);
  }
  await floor.driver.detect(); // the bridge detects its card on insertion, untimed too
  const certificate = Buffer.from(floor.state.credentials.authCertificate);
  const plans = methodPlans(client, floor, certificate, () => client.paced());
  const memoryAtStart = bridge.memory();
  const loadAverage = loadavg()[0]!;

  const samples = new Map<BenchedMethod, PairedSamples[]>(plans.map((plan) => [plan.method, []]));
  progress(`bridge: ${WARMUP_RUNS} untimed warm-up runs`);
  for (let run = 1; run <= WARMUP_RUNS; run++) {
    for (const plan of plans) await plan.measure(ITERATIONS[plan.method]);
  }
  const memoryAfterWarmup = bridge.memory();
  for (let run = 1; run <= context.runs; run++) {
    progress(`bridge: run ${run}/${context.runs}`);
    for (const plan of plans) {
      await plan.measure(WARMUP[plan.method]);
      samples.get(plan.method)!.push(await plan.measure(ITERATIONS[plan.method]));
    }
  }
  const memoryAtEnd = bridge.memory();

  const failures: string[] = [];
  const oursTries = await client.call('getPinStatus', { pin: 'auth' });
  if (oursTries.triesLeft !== PIN_MAX_TRIES.auth || floor.state.triesLeft.auth !== PIN_MAX_TRIES.auth) {
    failures.push(
      `the bench spent auth PIN tries: bridge ${oursTries.triesLeft}, floor ${floor.state.triesLeft.auth} left`,
    );
  }
  const log = bridge.logLines();
  const failedCalls = log.filter((line) => parseLogLine(line)?.event === 'call failed').length;
  if (failedCalls > 0) failures.push(`the bridge logged ${failedCalls} failed calls`);
  client.close();
  await bridge.stop();

  const bundle = await measureBundleMemory(context, tempDir);

  const result: BridgeBenchResult = {
    runs: context.runs,
    iterationsPerRun: ITERATIONS,
    warmupPerRun: WARMUP,
    warmupRuns: WARMUP_RUNS,
    goalMs: ADDED_LATENCY_GOAL_MS,
    bridge: {
      commandLine: bridge.commandLine,
      memory: { atStart: memoryAtStart, afterWarmup: memoryAfterWarmup, atEnd: memoryAtEnd },
      logLines: log.length,
    },
    methods: plans.map((plan) => methodResult(plan.method, plan.params, samples.get(plan.method)!)),
    bundle,
    host: { cpus: availableParallelism(), loadAverage: Math.round(loadAverage * 100) / 100 },
    wallSeconds: (performance.now() - started) / 1000,
  };
  return { table: bridgeTable(result), data: result, failures };
}

/** Each method's pair of calls on the same input, and what both must answer. */
function methodPlans(
  client: BridgeClient,
  floor: FloorCard,
  certificate: Buffer,
  pace: () => Promise<void>,
): MethodPlan[] {
  const { driver, transport } = floor;
  const publicKey = new X509Certificate(certificate).publicKey;
  const fullTries: PinStatus = { triesLeft: PIN_MAX_TRIES.auth, maxTries: PIN_MAX_TRIES.auth, locked: false };

  return [
    plan('getStatus', '', pace, () => ({
      ours: () => client.call('getStatus'),
      floor: async () => transport.isCardPresent,
      check: (ours: ResultOf<'getStatus'>, present: boolean) => {
        const card = ours.readers[0]?.card;
        if (ours.token !== JPKI_TOKEN_LABEL || card !== 'present' || !present) {
          throw new Error(`getStatus: card ${card}, token ${ours.token}; floor card present: ${present}`);
        }
      },
    })),
    plan('getPinStatus', "{pin:'auth'}", pace, () => ({
      ours: () => client.call('getPinStatus', { pin: 'auth' }),
      floor: () => driver.pinStatus('auth'),
      check: (ours: PinStatus, floorStatus: PinStatus) => {
        for (const status of [ours, floorStatus]) {
          if (JSON.stringify(status) !== JSON.stringify(fullTries)) {
            throw new Error(`getPinStatus: ${JSON.stringify(status)}, expected ${JSON.stringify(fullTries)}`);
          }
        }
      },
    })),
    plan('readCertificate', "{slot:'auth'}", pace, () => ({
      ours: () => client.call('readCertificate', { slot: 'auth' }),
      floor: () => driver.readCertificate('auth'),
      check: (ours: ResultOf<'readCertificate'>, floorDer: Uint8Array) => {
        if (!Buffer.from(ours.der, 'base64').equals(certificate) || !certificate.equals(floorDer)) {
          throw new Error('readCertificate: not the card’s auth certificate');
        }
      },
    })),
    plan('sign', "{key:'auth', correct PIN}", pace, () => {
      const challenge = randomBytes(32);
      const digest = createHash('sha256').update(challenge).digest();
      const params = {
        key: 'auth',
        pin: AUTH_PIN,
        hash: 'SHA-256',
        digest: digest.toString('base64'),
      } as const;
      return {
        ours: () => client.call('sign', params),
        floor: () => driver.sign('auth', AUTH_PIN, digest),
        check: (ours: ResultOf<'sign'>, floorSignature: Uint8Array) => {
          // PKCS#1 v1.5 is deterministic: one key and one digest give one signature.
          const signature = Buffer.from(ours.signature, 'base64');
          if (!signature.equals(floorSignature) || !verify('sha256', challenge, publicKey, signature)) {
            throw new Error('sign: the signatures differ or do not verify with the auth certificate’s key');
          }
        },
      };
    }),
  ];
}

function plan<O, F>(
  method: BenchedMethod,
  params: string,
  pace: () => Promise<void>,
  next: () => TimedPair<O, F>,
): MethodPlan {
  return { method, params, measure: (count) => timePaired(next, count, undefined, pace) };
}

/**
 * `npm run bench -- platform`: the platform simulator as a relying party, in process (no HTTP):
 *   - verified logins per CPU second (one core's worth: certificate chain, profile, validity, CRL,
 *     RSA signature, user index, tokens) against the ceiling `openssl speed rsa2048` measures in
 *     the same run, divided by the RSA verifications the login needs: 2 at a certificate's first
 *     login (its signature by the root, the card's over the challenge), 1 once the chain is cached.
 *     Goal ≥ 0.5 of that ceiling.
 *   - a failed login (a signature by another key) at 100 and at 100,000 linked customers. Goal:
 *     ratio ≤ 1.1 — the directory is an index, never a walk over the customers' keys.
 * Challenges and signatures are made before the clock runs: only the platform's work is timed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestPki, DEMO_HOLDERS, type CardCredentials } from '../mocks/pki';
import { NODE_CRYPTO } from '../mocks/platform/node-crypto';
import { WEB_CRYPTO, type RelyingPartyCrypto } from '../mocks/platform/simulator/crypto-port';
import { rsaKeyOf } from '../mocks/platform/simulator/rsa-signature';
import { PlatformSimulator } from '../mocks/platform/simulator/simulator';
import { parseCertificateDer } from '../mocks/platform/simulator/verification';
import {
  challengeBytes,
  crlsOf,
  jlisOf,
  registerDirectly,
  signedLogin,
  signRaw,
} from '../mocks/platform/test-support';
import type { BenchContext, BenchOutcome } from './card';
import { goalOf, median } from './report';

const run = promisify(execFile);
/** RSA verifications one login needs: the certificate by its root, the challenge by the card. */
const VERIFICATIONS_PER_LOGIN = 2;
/** Logins per timed run of a known certificate: enough that JIT and GC even out over a run. */
const LOGINS_PER_RUN = 1000;
/** First logins are ~100× slower: fewer per run. */
const FIRST_LOGINS_PER_RUN = 100;
const FAILED_LOGINS_PER_SIZE = 40;
/** The simulator's bound on recently verified keys (auth.ts). */
const RECENT_KEYS = 16;

/** verify/s of `openssl speed rsa2048` (one process, one core). */
export function parseOpensslVerifySpeed(output: string): number {
  const line = output.split('\n').find((l) => /^rsa\s+2048 bits/.test(l.trim()));
  const figures = line?.trim().split(/\s+/) ?? [];
  const verifyPerSecond = Number(figures[figures.length - 1]);
  if (!line || !Number.isFinite(verifyPerSecond) || verifyPerSecond <= 0) {
    throw new Error(`openssl speed: no "rsa 2048 bits" line with verify/s in:\n${output}`);
  }
  return verifyPerSecond;
}

async function opensslVerifySpeed(): Promise<number> {
  const { stdout } = await run('openssl', ['speed', '-seconds', '3', 'rsa2048'], { timeout: 120_000 });
  return parseOpensslVerifySpeed(stdout);
}

type LoginBody = Awaited<ReturnType<typeof signedLogin>>;

async function loginBodies(simulator: PlatformSimulator, card: CardCredentials, count: number) {
  const bodies: LoginBody[] = [];
  for (let i = 0; i < count; i++) {
    bodies.push(await signedLogin(card, simulator.createChallenge({ purpose: 'login' }).challenge));
  }
  return bodies;
}

async function register(simulator: PlatformSimulator, card: CardCredentials): Promise<void> {
  await registerDirectly(simulator, card);
}

/** Milliseconds per failed login (median of single logins), each a signature by another key. */
async function failedLoginMs(simulator: PlatformSimulator, card: CardCredentials, other: CardCredentials) {
  const times: number[] = [];
  for (let i = 0; i < FAILED_LOGINS_PER_SIZE; i++) {
    const body = await signedLogin(card, simulator.createChallenge({ purpose: 'login' }).challenge);
    const forged = await signedLogin(other, body.challenge);
    const start = performance.now();
    await simulator.login({ ...body, signature: forged.signature }).then(
      () => {
        throw new Error('a login with another key was accepted');
      },
      () => undefined,
    );
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * RSA verifications per CPU second through node:crypto alone (the primitive a login calls, on the
 * card's key): how far Node's per-call cost is from `openssl speed` before any of ours.
 */
async function nodeVerifySpeed(card: CardCredentials): Promise<number> {
  const key = await rsaKeyOf(parseCertificateDer(card.authCertificate));
  const message = challengeBytes('A'.repeat(43));
  const signature = await signRaw(card.authPrivateKeyPkcs8, message);
  const count = 3000;
  const { cpu } = await cpuSeconds(async () => {
    for (let i = 0; i < count; i++) {
      if (!NODE_CRYPTO.verifyRsaSha256(key, message, signature)) throw new Error('no verification');
    }
  });
  return count / cpu;
}

/** CPU seconds (this process, every thread: WebCrypto runs on libuv's pool) spent in `work`. */
async function cpuSeconds(work: () => Promise<void>): Promise<{ cpu: number; wall: number }> {
  const wallStart = performance.now();
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wallStart) / 1000 };
}

async function benchSimulator(
  pki: Awaited<ReturnType<typeof createTestPki>>,
  primitives: RelyingPartyCrypto,
  certificateCacheLimit?: number,
) {
  return PlatformSimulator.create({
    ...(certificateCacheLimit === undefined ? {} : { certificateCacheLimit }),
    trustAnchors: { auth: pki.trustAnchors('auth'), sign: pki.trustAnchors('sign') },
    crls: await crlsOf(pki),
    jlis: jlisOf(pki),
    limits: false,
    maxPendingChallenges: 100_000,
    crypto: primitives,
  });
}

/** Logins per CPU second (median of runs) and per wall second, with a certificate seen before. */
async function repeatLogins(
  simulator: PlatformSimulator,
  card: CardCredentials,
  runs: number,
  progress: (message: string) => void,
  perRun = LOGINS_PER_RUN,
) {
  const perCpu: number[] = [];
  const perWall: number[] = [];
  for (let round = 0; round <= runs; round++) {
    const bodies = await loginBodies(simulator, card, perRun);
    const { cpu, wall } = await cpuSeconds(async () => {
      for (const body of bodies) await simulator.login(body);
    });
    if (round === 0) continue; // warm-up: JIT
    perCpu.push(bodies.length / cpu);
    perWall.push(bodies.length / wall);
    progress(`platform: run ${round}/${runs}: ${(bodies.length / cpu).toFixed(0)} logins per CPU second`);
  }
  return { perCpu: median(perCpu), perWall: median(perWall) };
}

export async function runPlatformBench(context: BenchContext): Promise<BenchOutcome> {
  const { progress } = context;
  progress('platform: openssl speed rsa2048 (verify/s, one core)');
  const opensslVerifies = await opensslVerifySpeed();

  progress('platform: test PKI, simulator (Node crypto, as npm run platform), cards');
  const pki = await createTestPki({ now: new Date(Date.now() - 60_000) });
  const simulator = await benchSimulator(pki, NODE_CRYPTO);
  const card = await pki.issueCard(DEMO_HOLDERS[0]!);
  const other = await pki.issueCard(DEMO_HOLDERS[1]!);
  await register(simulator, card);
  await nodeVerifySpeed(card); // warm-up
  const nodeVerifies = await nodeVerifySpeed(card);

  // A certificate seen before: its chain is cached; the login verifies the card's signature.
  const repeat = await repeatLogins(simulator, card, context.runs, progress);
  progress('platform: the same with WebCrypto (the browser demo)');
  const web = await benchSimulator(pki, WEB_CRYPTO);
  await register(web, card);
  const webRepeat = await repeatLogins(web, card, context.runs, () => undefined);

  // A certificate's first login: nothing cached, so its chain is checked again at every login.
  progress('platform: first logins (no certificate cache)');
  const uncached = await benchSimulator(pki, NODE_CRYPTO, 0);
  await register(uncached, card);
  const first = await repeatLogins(uncached, card, context.runs, () => undefined, FIRST_LOGINS_PER_RUN);

  const fill = (count: number) => {
    const directory = simulator.userDirectory;
    for (let n = directory.userCount; n < count; n++) {
      directory.createUser(String(20_000_000 + n), `synthetic-${n}`, new Date());
    }
  };
  // The slowest refusal: a failed signature is told apart under every recently verified key, so
  // that bounded list is filled first (other cards logging in).
  progress(`platform: ${RECENT_KEYS} cards log in (the recent keys a failed signature is tried with)`);
  for (let i = 0; i < RECENT_KEYS; i++) {
    const recent = await pki.issueCard(DEMO_HOLDERS[i % DEMO_HOLDERS.length]!);
    simulator.userDirectory.createUser(
      String(30_000_000 + i),
      NODE_CRYPTO.sha256Hex(recent.authCertificate) as string,
      new Date(),
    );
    await simulator.login(
      await signedLogin(recent, simulator.createChallenge({ purpose: 'login' }).challenge),
    );
  }
  fill(100);
  await failedLoginMs(simulator, card, other); // warm-up
  const at100 = await failedLoginMs(simulator, card, other);
  progress('platform: 100,000 customers');
  fill(100_000);
  await failedLoginMs(simulator, card, other); // warm-up, as at 100 (and the fill's GC settles)
  const at100k = await failedLoginMs(simulator, card, other);

  const repeatRate = repeat.perCpu;
  const firstRate = first.perCpu;
  const repeatCeiling = opensslVerifies / 1;
  const firstCeiling = opensslVerifies / VERIFICATIONS_PER_LOGIN;
  const failedRatio = at100k / at100;
  const ceiling = (value: number, divisor: number) =>
    `${value.toFixed(0)} (openssl ${opensslVerifies.toFixed(0)} verify/s ÷ ${divisor})`;
  return {
    table: {
      title: 'platform — the relying party in process, logins per CPU second (one core)',
      floorHeader: 'ceiling',
      rows: [
        {
          figure: 'login, certificate seen before',
          ours: repeatRate.toFixed(0),
          floor: ceiling(repeatCeiling, 1),
          ratio: (repeatRate / repeatCeiling).toFixed(2),
          goal: goalOf('≥ 0.50', repeatRate / repeatCeiling >= 0.5),
        },
        {
          figure: 'first login of a certificate',
          ours: firstRate.toFixed(0),
          floor: ceiling(firstCeiling, VERIFICATIONS_PER_LOGIN),
          ratio: (firstRate / firstCeiling).toFixed(2),
          goal: goalOf('≥ 0.50', firstRate / firstCeiling >= 0.5),
        },
        {
          figure: 'failed login at 100,000 customers',
          ours: `${at100k.toFixed(2)} ms`,
          floor: `${at100.toFixed(2)} ms at 100`,
          ratio: failedRatio.toFixed(2),
          goal: goalOf('≤ 1.10', failedRatio <= 1.1),
        },
      ],
      notes: [
        `${context.runs} runs of ${LOGINS_PER_RUN} logins each (median; first logins: ${FIRST_LOGINS_PER_RUN} ` +
          `per run, the certificate cache off); ${FAILED_LOGINS_PER_SIZE} failed logins per size (median wall time)`,
        `wall clock, one login at a time: ${repeat.perWall.toFixed(0)} logins/s; with WebCrypto instead of ` +
          `node:crypto: ${webRepeat.perCpu.toFixed(0)} per CPU second, ${webRepeat.perWall.toFixed(0)}/s wall`,
        'a first login parses the DER with pkijs and checks the profile: work openssl speed does not count',
        `node:crypto's RSA verification alone (the call a login makes): ${nodeVerifies.toFixed(0)}/s per CPU ` +
          `second, ${(nodeVerifies / opensslVerifies).toFixed(2)} of openssl speed — the most a login can reach`,
      ],
    },
    data: {
      opensslVerifies,
      nodeVerifiesPerCpuSecond: nodeVerifies,
      repeatLoginsPerCpuSecond: repeatRate,
      firstLoginsPerCpuSecond: firstRate,
      repeatLoginsPerWallSecond: repeat.perWall,
      webCryptoRepeatLoginsPerCpuSecond: webRepeat.perCpu,
      failedAt100Ms: at100,
      failedAt100kMs: at100k,
      failedRatio,
    },
    failures: [],
  };
}

/**
 * `npm run bench -- login`: the viewer's OK on the PIN entry → the session logged in, in WPE with
 * the real app, bridge (pcsc), platform simulator and card (bench/wpe-stack.ts), against
 *   - the floor: the same VERIFY … SIGN APDU bytes the card received, replayed back to back over
 *     bare pcsclite (bench/pcsc-floor.ts), plus one login POST round trip from Node to the same
 *     platform simulator. Goal: ours ≤ floor + 30 ms.
 * Each run is a fresh page and a fresh insertion; the PIN is typed at a viewer's pace (the app's
 * prefetch while typing is done) before OK. Times are taken inside the page (test-hook timeline).
 */
import { sign as rsaSign } from 'node:crypto';
import type { Stack } from '../e2e/harness/stack';
import type { BenchContext, BenchOutcome } from './card';
import { splitLoginApdus, type LoginApdus } from './login-apdus';
import { loginRunFromTimeline, loginTable, summariseLogin, type LoginRun } from './login-report';
import { RawReader, replayFloor } from './pcsc-floor';
import { freshPage, pressOkUntilHome, startBenchStack, takeTimeline, typePin } from './wpe-stack';

/** How long the "viewer" pauses between the last digit (PIN status on screen) and OK. */
const PAUSE_BEFORE_OK_MS = 1_500;
/** Each run's bytes are replayed this often (fresh insertions): vpcd's latency varies by ~40 ms steps. */
const FLOOR_REPLAYS_PER_RUN = 3;
/** Login POSTs from Node for the platform floor (after a few untimed ones). */
const PLATFORM_SAMPLES = 15;
const PLATFORM_WARMUP = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLoginBench(context: BenchContext): Promise<BenchOutcome> {
  const stack = await startBenchStack(context, 'login');
  const { progress } = context;

  // One untimed login first: JIT in the bridge and the page, connections, CORS preflights.
  progress('login: warm-up login (untimed)');
  await oneLogin(stack, 'login-warmup');
  const runs: LoginRun[] = [];
  const recorded: LoginApdus[] = [];
  for (let index = 1; index <= context.runs; index++) {
    const { run, apdus } = await oneLogin(stack, `login-${index}`);
    progress(`login: run ${index}/${context.runs}: ${run.totalMs.toFixed(0)} ms`);
    runs.push(run);
    recorded.push(apdus);
  }
  await stack.card!.remove();

  progress('login: platform floor — login POST round trips from Node');
  const platformRoundTripMs = await platformRoundTrips(stack);

  // The floor replays on the bench's own pcsclite handle: the bridge must not hold the card.
  progress('login: card floor — the same VERIFY … SIGN bytes over bare pcsclite');
  await stack.bridge.kill('SIGTERM');
  const raw = await RawReader.open(context.readerName, context.cleanup);
  const cardFloorMs: number[] = [];
  for (const apdus of recorded) {
    for (let repeat = 0; repeat < FLOOR_REPLAYS_PER_RUN; repeat++) {
      cardFloorMs.push(await replayOnFreshCard(stack, raw, apdus));
    }
  }
  await stack.bridge.restart();

  const summary = summariseLogin({ runs, cardFloorMs, platformRoundTripMs });
  const failures = summary.met
    ? []
    : [
        `OK → logged in ${summary.oursMs.toFixed(1)} ms > goal ${summary.goalMs.toFixed(1)} ms (floor + 30 ms)`,
      ];
  return {
    table: loginTable(summary, context.runs, context.readerName),
    data: { reader: context.readerName, ...summary, runs, cardFloorMs, platformRoundTripMs },
    failures,
  };
}

async function oneLogin(stack: Stack, name: string): Promise<{ run: LoginRun; apdus: LoginApdus }> {
  const card = stack.card!;
  const journey = await freshPage(stack, name);
  const from = card.apdus.length;
  await typePin(stack, journey, PAUSE_BEFORE_OK_MS);
  await takeTimeline(stack);
  await pressOkUntilHome(journey);
  const run = loginRunFromTimeline(await takeTimeline(stack));
  // The bridge resets the card after the signature without waiting: pulling the card during that
  // reset leaves vpcd's reader "mute" in pcscd. A viewer takes longer than this to pull it anyway.
  await sleep(500);
  const apdus = splitLoginApdus(card.apdus.slice(from));

  if (card.triesLeft?.auth !== 3)
    throw new Error('ログインで PIN の試行回数が減りました / the login spent a PIN try');
  return { run, apdus };
}

/**
 * A fresh insertion, the priming APDUs untimed, the viewer's pause, then the measured ones back to
 * back. The pause matters on vpcd: after a quiet second the first exchange skips the ~40 ms
 * delayed-ACK wait that back-to-back APDUs pay, as our VERIFY after the viewer's OK does.
 */
async function replayOnFreshCard(stack: Stack, raw: RawReader, apdus: LoginApdus): Promise<number> {
  await stack.card!.insert('normal');
  try {
    await connectWhenPresent(raw);
    try {
      await replayFloor(raw, apdus.prime, []);
      await sleep(PAUSE_BEFORE_OK_MS);
      return await replayFloor(raw, [], apdus.measured);
    } finally {
      await raw.disconnect();
    }
  } finally {
    await stack.card!.remove();
    await sleep(300); // pcscd polls vpcd: let it see the card gone before the next insertion
  }
}

/** pcscd notices a vpcd card within its polling interval: try to connect for up to 10 s. */
async function connectWhenPresent(raw: RawReader): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await raw.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/**
 * The login POST's round trip from Node to the same platform simulator: a challenge (untimed), the
 * valid card's signature made in Node, then the timed POST /v1/auth/login on a kept-alive connection.
 */
async function platformRoundTrips(stack: Stack): Promise<number[]> {
  const credentials = stack.card!.validCredentials;
  const post = (path: string, body: unknown) =>
    fetch(`${stack.platform.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  const times: number[] = [];
  for (let index = 0; index < PLATFORM_WARMUP + PLATFORM_SAMPLES; index++) {
    const { challenge } = (await (await post('/v1/auth/challenges', { purpose: 'login' })).json()) as {
      challenge: string;
    };
    const signature = rsaSign('sha256', Buffer.from(challenge, 'base64url'), {
      key: Buffer.from(credentials.authPrivateKeyPkcs8),
      format: 'der',
      type: 'pkcs8',
    }).toString('base64');
    const body = {
      challenge,
      authCertificate: Buffer.from(credentials.authCertificate).toString('base64'),
      signature,
    };
    const started = performance.now();
    const response = await post('/v1/auth/login', body);
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200)
      throw new Error(`Node からのログイン POST が失敗 / login POST from Node: HTTP ${response.status}`);
    if (index >= PLATFORM_WARMUP) times.push(elapsed);
  }
  return times;
}

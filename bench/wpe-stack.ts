/**
 * The journeys' real stack (e2e/harness/stack.ts) for the WPE benches: cog headless via
 * WPEWebDriver with the app's test build (built into .tmp/bench-app, never under the journeys'
 * feet), the bridge CLI child with `--backend pcsc`, the platform simulator over HTTP, and the
 * journeys' virtual card — on the bench's vpcd reader (default "Virtual PCD 00 01", port 35964;
 * 00 00 belongs to the tests). The bridge uses whichever reader holds a My Number Card.
 */
import { join } from 'node:path';
import { PINS } from '../e2e/harness/card';
import { ROOT } from '../e2e/harness/screens';
import { Stack, type HookState, type Journey } from '../e2e/harness/stack';
import type { TimelineEntry } from '../src/app/test-hook';
import { BenchSetupError } from './card-rig';
import type { BenchContext } from './card';

const BENCH_APP_DIR = join(ROOT, '.tmp/bench-app');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the stack with its card on the bench's reader, the card linked to its customer. */
export async function startBenchStack(context: BenchContext, name: string): Promise<Stack> {
  context.progress(
    `${name}: starting WPE (cog), the bridge (--backend pcsc) and the platform; ` +
      `card on "${context.readerName}" (vpcd port ${context.vpcdPort})`,
  );
  let stack: Stack;
  try {
    stack = await Stack.start({
      browser: 'wpe',
      vpcd: { host: '127.0.0.1', port: context.vpcdPort, reader: context.readerName },
      appDir: BENCH_APP_DIR,
    });
  } catch (error) {
    throw new BenchSetupError(
      `WPE の構成を起動できません (pcscd は \`bash scripts/ensure-system.sh\` で起動) / ` +
        `could not start the WPE stack: ${(error as Error).message}`,
    );
  }
  context.cleanup.add(`stop the ${name} stack (WPE, bridge, platform, card)`, () => stack.close());
  await stack.platform.link(stack.card!);
  // In and out once: clears a reader pcscd still reports "mute" (a vpcd card pulled during a reset).
  await stack.card!.insert('normal');
  await sleep(1_000);
  await stack.card!.remove();
  await sleep(500);
  return stack;
}

/** A fresh page, on the insert-card screen, with the hook's timeline empty. */
export async function freshPage(stack: Stack, name: string): Promise<Journey> {
  await stack.card!.remove();
  const journey = await stack.journey(name);
  await journey.waitForScreen('insert-card');
  await takeTimeline(stack);
  return journey;
}

/**
 * Card in, the PIN typed, then a pause as a viewer's (the card's PIN status shows, `pauseMs` more):
 * the app's prefetch during typing is done, as it would be at a human pace. Returns with the PIN
 * entry waiting for OK. The PIN is only ever sent as key presses, never printed.
 */
export async function typePin(stack: Stack, journey: Journey, pauseMs: number): Promise<void> {
  await stack.card!.insert('normal');
  await journey.waitForScreen('pin-entry', (p) => p.purpose === 'login');
  await journey.press(PINS.auth);
  await journey.waitForScreen(
    'pin-entry',
    (p) => p.digits === PINS.auth.length && typeof p.triesLeft === 'number' && p.triesLeft === 3,
  );
  await sleep(pauseMs);
}

/** Presses OK and waits for the home menu (failing with what is on screen instead). */
export async function pressOkUntilHome(journey: Journey): Promise<HookState> {
  await journey.press('Enter');
  return journey.waitForScreen('home');
}

/** The page's stamped changes since the last call (src/app/test-hook.ts). */
export function takeTimeline(stack: Stack): Promise<TimelineEntry[]> {
  return stack.session.execute<TimelineEntry[]>('return window.__madoguchi.takeTimeline()');
}

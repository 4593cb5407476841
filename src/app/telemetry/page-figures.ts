/**
 * The page's own figures. Uncaught errors and rejected promises are counted (kind only: their
 * message may quote whatever a failing call held) and stopped there: the page goes on (a browser
 * page survives them; the flows show their own errors), and nothing is printed to the console,
 * which a box's browser may copy to its journal. Key-to-frame: a key press to the next frame the
 * page draws, at most one measurement waiting at a time, so a held key costs one callback a frame.
 */
import type { AppTelemetry } from './app-telemetry';

type Page = Pick<Window, 'addEventListener' | 'requestAnimationFrame'>;

export function installUncaughtHandler(
  page: Pick<Window, 'addEventListener'>,
  telemetry: AppTelemetry,
): void {
  page.addEventListener('error', (event) => {
    telemetry.tally.count('app.uncaught.error');
    event.preventDefault();
  });
  page.addEventListener('unhandledrejection', (event) => {
    telemetry.tally.count('app.uncaught.rejection');
    event.preventDefault();
  });
}

export function measureKeyToFrame(
  page: Page,
  telemetry: AppTelemetry,
  now: () => number = () => performance.now(),
): void {
  let waiting = false;
  page.addEventListener(
    'keydown',
    () => {
      if (waiting) return;
      waiting = true;
      const pressed = now();
      page.requestAnimationFrame(() => {
        waiting = false;
        telemetry.tally.latency('app.keyToFrame.ms', now() - pressed);
      });
    },
    { capture: true, passive: true },
  );
}

/**
 * The simulator inside the browser for the demo: the same handlers behind msw's service worker, so
 * the TV app's real fetch calls reach it. The page must serve msw's worker script
 * (`npx msw init <public dir>` copies mockServiceWorker.js there). Trust anchors and CRLs come from
 * the page (e.g. the demo PKI's PEM files served next to it).
 */
import { setupWorker } from 'msw/browser';
import { createPlatformHandlers } from './handlers';
import { PlatformSimulator, type PlatformSimulatorConfig } from './simulator/simulator';

export interface BrowserPlatformOptions extends PlatformSimulatorConfig {
  /** Origin the app calls, e.g. the production platform URL the demo build is configured with. */
  baseUrl: string;
  /** Where the page serves mockServiceWorker.js (default /mockServiceWorker.js). */
  workerUrl?: string;
}

export async function startBrowserPlatform(
  options: BrowserPlatformOptions,
): Promise<{ simulator: PlatformSimulator; stop(): void }> {
  const simulator = await PlatformSimulator.create(options);
  const worker = setupWorker(...createPlatformHandlers(simulator, { baseUrl: options.baseUrl }));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    ...(options.workerUrl ? { serviceWorker: { url: options.workerUrl } } : {}),
  });
  // Address changes reach their (simulated) services as on the server: due deliveries every second.
  const deliveries = setInterval(() => void simulator.addressChangeDesk.delivery.runDue(), 1000);
  return {
    simulator,
    stop: () => {
      clearInterval(deliveries);
      worker.stop();
    },
  };
}

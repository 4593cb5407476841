/**
 * The app's telemetry as the entry starts it: counting from the first moment (uncaught errors
 * included, before the settings arrive), then, with the settings, the sinks and the bridge.
 */
import type { InspectionEvent } from 'xstate';
import type { AppSettings } from '../settings/settings';
import { AppTelemetry, type BridgePort } from './app-telemetry';
import { Beacon } from './beacon';
import { installUncaughtHandler, measureKeyToFrame } from './page-figures';
import { sessionInspector } from './session-figures';

export interface StartedTelemetry {
  telemetry: AppTelemetry;
  inspect: (event: InspectionEvent) => void;
}

export function startTelemetry(page: Window): StartedTelemetry {
  const telemetry = new AppTelemetry();
  installUncaughtHandler(page, telemetry);
  measureKeyToFrame(page, telemetry);
  return { telemetry, inspect: sessionInspector(telemetry) };
}

/** With the settings: the operator's beacon when it names a collector, the bridge, the period. */
export function connectTelemetry(
  page: Window,
  telemetry: AppTelemetry,
  settings: AppSettings,
  bridge: BridgePort,
): void {
  if (settings.telemetryUrl !== undefined) {
    telemetry.addSink(
      new Beacon({
        url: settings.telemetryUrl,
        fetch: (...args) => page.fetch(...args),
        onDropped: (records) => telemetry.tally.count('app.beacon.dropped', records),
      }),
    );
  }
  telemetry.watchBridge(bridge);
  telemetry.start();
  // The box may close the app at any time: what was counted since the last period goes then.
  page.addEventListener('pagehide', () => telemetry.leave());
}

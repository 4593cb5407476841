/**
 * The real wiring: the card bridge client and the platform SDK from the settings, the machines'
 * actors made from them (createActors), and the session actor with the operator's idle timing.
 * Nothing starts here; the shell starts the session when it mounts.
 */
import { createActor, type InspectionEvent } from 'xstate';
import { BridgeClient } from '../../card';
import { sessionMachine } from '../../features/session/machine/session.machine';
import { createActors } from './adapters';
import { PlatformClient } from '../../platform';
import type { AppSettings } from '../settings/settings';
import type { SessionActor } from './binding';

export interface Runtime {
  session: SessionActor;
  bridge: BridgeClient;
  /** The actors of the text-size flow (the profile's copy of the viewer's size). */
  textSize: ReturnType<typeof createActors>['textSize'];
}

/**
 * `launchToken`: the box's token from the launch URL (bridge-token.ts); it wins over a token fixed
 * in the operator's settings. `inspect`: sees the session's actors (telemetry/session-figures.ts).
 */
export function createRuntime(
  settings: AppSettings,
  launchToken?: string,
  inspect?: (event: InspectionEvent) => void,
): Runtime {
  const token = launchToken ?? settings.bridge.token;
  const bridge = new BridgeClient({ url: settings.bridge.url, ...(token === undefined ? {} : { token }) });
  const platform = new PlatformClient({ baseUrl: settings.platformUrl });
  const actors = createActors({ card: bridge, platform });
  const session = createActor(sessionMachine.provide({ actors: actors.session }), {
    input: { idleTimeoutMs: settings.session.idleTimeoutMs, warningLeadMs: settings.session.warningLeadMs },
    ...(inspect ? { inspect } : {}),
  });
  return { session, bridge, textSize: actors.textSize };
}

/**
 * The real wiring: the card bridge client and the platform SDK from the settings, the machines'
 * actors made from them (createActors), and the session actor with the operator's idle timing.
 * Nothing starts here; the shell starts the session when it mounts.
 */
import { createActor, type InspectionEvent } from 'xstate';
import { BridgeClient } from '../../card';
import { sessionMachine } from '../../features/session/machine/session.machine';
import { createActors, type FlowSource } from './adapters';
import { lazyMachine, whenLoaded } from '../screens/families';
import { PlatformClient } from '../../platform';
import { pairingClientId, type AppSettings } from '../settings/settings';
import { hasFireboltTransport } from '../box-platform/box-platform';
import { pairingBox, type BoxFacts, type KeptValues } from './pairing-box';
import type { SessionActor } from './binding';
import type { PhonePairing } from '../../machines/ports';
import type { RemoteScreen } from './phone-remote-actor';

export interface Runtime {
  session: SessionActor;
  bridge: BridgeClient;
  /** The actors of the text-size flow (the profile's copy of the viewer's size). */
  textSize: ReturnType<typeof createActors>['textSize'];
  /** Gives the phone's touch remote the shell, once it is mounted. */
  attachRemoteScreen: (screen: RemoteScreen) => void;
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
  // The session's paired phone, read when a feature sends to it (the session is made just below).
  const phone: { current?: () => PhonePairing | undefined } = {};
  let remoteScreen: RemoteScreen | undefined;
  const actors = createActors({
    card: bridge,
    platform,
    pairingBox: () => pairingBox(pairingClientId(settings), boxFacts, keptOnBox()),
    currentPhone: () => phone.current?.(),
    remoteScreen: () => remoteScreen,
    flows: FAMILY_FLOWS,
  });
  const session = createActor(sessionMachine.provide({ actors: actors.session }), {
    input: { idleTimeoutMs: settings.session.idleTimeoutMs, warningLeadMs: settings.session.warningLeadMs },
    ...(inspect ? { inspect } : {}),
  });
  phone.current = () => session.getSnapshot().context.pairing;
  return {
    session,
    bridge,
    textSize: actors.textSize,
    attachRemoteScreen: (screen) => {
      remoteScreen = screen;
    },
  };
}

/** The lazy flows' machines come with their families' chunks (the flow's id is its family's). */
const FAMILY_FLOWS: FlowSource = {
  machine: (flow) => lazyMachine(flow) as ReturnType<FlowSource['machine']> as never,
  loaded: (flow) => whenLoaded(flow),
};

/** The box's id and name from Firebolt, where the box has it (the SDK is loaded only then). */
const boxFacts = async (): Promise<BoxFacts> =>
  hasFireboltTransport(globalThis)
    ? (await import('../box-platform/firebolt-device')).fireboltBoxFacts()
    : {};

/** The box's own storage (the pairing's random box id), or nothing kept where there is none. */
const keptOnBox = (): KeptValues => {
  const storage = (globalThis as { localStorage?: Storage }).localStorage;
  return {
    get: (key) => storage?.getItem(key) ?? null,
    set: (key, value) => storage?.setItem(key, value),
  };
};

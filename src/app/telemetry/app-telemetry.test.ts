/**
 * The app's telemetry from a real session (the machines on the real adapters, the card and the
 * platform answering as a box would): what a viewer's logins show in the record, and that no record,
 * as Firebolt or the beacon gets it, holds anything of the viewer, the card or the box.
 */
import { createActor } from 'xstate';
import { BridgeErrorCode } from '../../../stb-spec/protocol/errors';
import { telemetryProblems, type TelemetryRecord } from '../../../stb-spec/protocol/telemetry';
import { personalDataIn } from '../../../stb-spec/protocol/testing/personal-data';
import { fromRpcError } from '../../card/errors';
import { sessionMachine } from '../../features/session/machine/session.machine';
import { settle } from '../../machines/testing/fake-actors';
import { CUSTOMER_NUMBER, DISPLAY_NAME, pinStatus } from '../../machines/testing/fixtures';
import { createActors, type CardPort, type CardPortEvent } from '../session/adapters';
import { acceptingPlatform, namedCardIn } from '../testing/accepting-platform';
import { APP_FIGURES } from './app-figures';
import { AppTelemetry, APP_VERSION } from './app-telemetry';
import { Beacon } from './beacon';
import { fireboltParameters, fireboltSink } from './firebolt-metrics';
import { sessionInspector } from './session-figures';
import { allFlows } from '../testing/all-flows';

const CARD = 'Y2FyZC1pZC1maXJzdC0wMQ';
const CHALLENGE = 'Qk9YMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0';
const RIGHT_PIN = '9753';
const WRONG_PIN = '8642';
const CERTIFICATE = new Uint8Array([0x30, 0x82, 1, 2, 3]);

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A card that refuses the wrong PIN, and a clock the test moves. */
function session(telemetry: AppTelemetry, clock: { ms: number }) {
  let listener: ((event: CardPortEvent) => void) | undefined;
  const card: CardPort = {
    readCertificate: async () => CERTIFICATE,
    getPinStatus: async () => pinStatus(3),
    readSignCertificate: async () => new Uint8Array([4]),
    sign: async (request) => {
      clock.ms += 1200; // the card and the platform take their time
      if (request.pin !== RIGHT_PIN) {
        throw fromRpcError({ code: BridgeErrorCode.PIN_INCORRECT, data: { triesLeft: 2 } }, 'sign');
      }
      return new Uint8Array(256);
    },
    subscribe: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  const platform = acceptingPlatform({
    challenge: CHALLENGE,
    expiresAt: new Date(1_000_000 + 300_000).toISOString(),
    now: () => 1_000_000,
  });
  const actors = createActors({ card, platform, flows: allFlows });
  const actor = createActor(sessionMachine.provide({ actors: actors.session }), {
    input: {},
    inspect: sessionInspector(telemetry, () => clock.ms),
  }).start();
  listener?.(namedCardIn(CARD));
  listener?.({ type: 'connection', state: 'open' });
  return actor;
}

async function typePin(actor: ReturnType<typeof session>, pin: string) {
  await until(() => actor.getSnapshot().children.login !== undefined);
  const login = actor.getSnapshot().children.login!;
  for (const digit of pin) login.send({ type: 'DIGIT', digit });
  login.send({ type: 'OK' });
}

async function recordOfThreeTries(): Promise<TelemetryRecord> {
  const clock = { ms: 0 };
  const telemetry = new AppTelemetry(() => clock.ms);
  const actor = session(telemetry, clock);
  const errorShown = () => {
    const login = actor.getSnapshot().children.login?.getSnapshot() as
      { context?: { error?: unknown } } | undefined;
    return login?.context?.error !== undefined;
  };
  // Two wrong PINs in a row (the card takes 1.2 s each), then the right one.
  for (const tries of [1, 2]) {
    await typePin(actor, WRONG_PIN);
    await until(() => clock.ms === tries * 1200 && errorShown());
  }
  await typePin(actor, RIGHT_PIN);
  await until(() => actor.getSnapshot().matches('loggedIn'));
  await settle();
  actor.stop();
  return telemetry.flush();
}

describe('app telemetry from a session', () => {
  it('counts the start, each wrong PIN and a login, with the time from OK to logged in', async () => {
    const record = await recordOfThreeTries();
    expect(telemetryProblems(record, APP_FIGURES)).toEqual([]);
    expect(record).toMatchObject({
      source: 'app',
      versions: { app: APP_VERSION, bridge: 'unknown' },
      counts: { 'app.starts': 1, 'app.error.pinIncorrect': 2, 'app.login.signedIn': 1 },
      latency: { 'app.login.ms': { n: 1, max: 1200 } },
    });
  });

  it('learns the bridge version when the bridge connects, and counts its refusals', async () => {
    const telemetry = new AppTelemetry();
    let listener: ((event: { type: string; state?: string; refused?: boolean }) => void) | undefined;
    telemetry.watchBridge({
      subscribe: (next) => ((listener = next), () => undefined),
      call: async () => ({ implementation: { version: '2.3.4' } }),
    });
    listener!({ type: 'connectFailed', refused: true });
    listener!({ type: 'connectFailed', refused: false });
    listener!({ type: 'connection', state: 'open' });
    await settle();
    const record = telemetry.flush();
    expect(record.versions).toEqual({ app: APP_VERSION, bridge: '2.3.4', protocol: 1 });
    expect(record.counts).toMatchObject({ 'app.bridge.refused': 1, 'app.bridge.connectFailed': 1 });
  });

  it('a bridge answering a version that is not one is reported as other, not as its text', async () => {
    const telemetry = new AppTelemetry();
    let open: (() => void) | undefined;
    telemetry.watchBridge({
      subscribe: (next) => ((open = () => next({ type: 'connection', state: 'open' })), () => undefined),
      call: async () => ({ implementation: { version: `box of ${DISPLAY_NAME}` } }),
    });
    open!();
    await settle();
    expect(telemetry.flush().versions.bridge).toBe('other');
  });

  it('holds nothing personal, in the record, as Firebolt parameters or in the beacon body', async () => {
    const record = await recordOfThreeTries();
    const bodies: string[] = [];
    const beacon = new Beacon({
      url: 'https://telemetry.operator.example/v1/records',
      fetch: async (_url, init) => (bodies.push(String(init!.body)), new Response(null, { status: 204 })),
      onDropped: () => undefined,
      setTimeout: (run) => run(),
    });
    beacon.emit(record);
    await settle();
    const fireboltCalls: unknown[] = [];
    fireboltSink({ action: async (...args) => fireboltCalls.push(args) }).emit(record);
    const known = [RIGHT_PIN, WRONG_PIN, CARD, CHALLENGE, DISPLAY_NAME, CUSTOMER_NUMBER, 'MIIB'];
    const lines = [JSON.stringify(record), ...bodies, JSON.stringify(fireboltCalls)];
    expect(bodies).toHaveLength(1);
    expect(personalDataIn(lines, known)).toEqual([]);
    expect(Object.keys(fireboltParameters(record))).toContain('app.login.ms.p50');
    // A field carrying the card's id or a PIN would be found.
    expect(personalDataIn([JSON.stringify({ ...record, cardId: CARD })], known)).not.toEqual([]);
    expect(personalDataIn([JSON.stringify({ ...record, last: `pin ${RIGHT_PIN}` })], [])).not.toEqual([]);
  });
});

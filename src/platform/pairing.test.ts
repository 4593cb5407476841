/**
 * The SDK's pairing calls against the simulator's handlers (in process): start, polls through every
 * RFC 8628 §3.5 answer, and the typed errors with ja/en messages for what the TV must show.
 */
import { getResponse } from 'msw';
import { createPlatformHandlers } from '../../mocks/platform/handlers';
import { createTestPki, DEMO_HOLDERS } from '../../mocks/pki';
import { crlsOf, jlisOf, registerDirectly, TestClock } from '../../mocks/platform/test-support';
import { PlatformSimulator, type PlatformSimulatorConfig } from '../../mocks/platform/simulator/simulator';
import { PlatformClient } from './client';
import { PairingError } from './errors';

const BASE = 'http://platform.test';
const BOX = { clientId: 'madoguchi-cable-tokyo', boxId: 'box-0123456789abcdef', boxName: 'リビングのテレビ' };

async function setup(
  config: Partial<PlatformSimulatorConfig> = { trustAnchors: { auth: [] } },
  clock = new TestClock(Date.UTC(2026, 11, 7, 3, 0, 0)),
) {
  const simulator = await PlatformSimulator.create({
    trustAnchors: { auth: [] },
    ...config,
    now: clock.now,
    limits: false,
  });
  const handlers = createPlatformHandlers(simulator, { baseUrl: BASE });
  const client = new PlatformClient({
    baseUrl: BASE,
    now: () => clock.time,
    fetch: async (input, init) =>
      (await getResponse(handlers, new Request(input as string, init))) ??
      new Response(null, { status: 404 }),
    sleep: async () => undefined,
  });
  return { clock, simulator, client };
}

it('starts: the codes to show, the QR link and the waits', async () => {
  const { client } = await setup();
  const started = await client.pairing.start(BOX);
  expect(started).toMatchObject({ clientId: BOX.clientId, expiresInSeconds: 600, intervalSeconds: 5 });
  expect(started.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  expect(started.verificationUriComplete).toBe(`${BASE}/pair?code=${started.userCode}`);
});

it('polls: pending, slower after slow_down, then paired with a token for this box', async () => {
  const { clock, simulator, client } = await setup();
  let started = await client.pairing.start(BOX);
  expect(await client.pairing.poll(started)).toEqual({ status: 'pending', intervalSeconds: 5 });
  const slower = await client.pairing.poll(started);
  expect(slower).toEqual({ status: 'pending', intervalSeconds: 10 });
  if (slower.status === 'pending') started = { ...started, intervalSeconds: slower.intervalSeconds };
  simulator.pairing.decide(started.userCode, true);
  clock.advance(10_000);
  const paired = await client.pairing.poll(started);
  expect(paired).toMatchObject({ status: 'paired', expiresInSeconds: 90 * 24 * 60 * 60 });
  if (paired.status !== 'paired') throw new Error('not paired');
  expect(await simulator.pairing.pairingOf(paired.token, BOX.boxId)).toMatchObject({ id: paired.pairingId });
  clock.advance(10_000);
  expect(await client.pairing.poll(started)).toMatchObject({ status: 'expired' });
});

it("says denied (with the platform's reason when it refused a login) and expired with the messages the TV shows", async () => {
  const { clock, simulator, client } = await setup();
  const declined = await client.pairing.start(BOX);
  simulator.pairing.decide(declined.userCode, false);
  const denied = await client.pairing.poll(declined);
  expect(denied.status).toBe('denied');
  if (denied.status === 'denied') expect(denied.error.messageJa).toContain('承認しない');
  const refused = await client.pairing.start(BOX, { scope: 'login' });
  simulator.pairing.refuseLogin(refused.userCode, 'REGISTRATION_REQUIRED');
  clock.advance(10_000);
  expect(await client.pairing.poll(refused)).toMatchObject({
    status: 'denied',
    reason: 'REGISTRATION_REQUIRED',
  });
  const late = await client.pairing.start(BOX);
  clock.advance(600_000);
  const expired = await client.pairing.poll(late);
  expect(expired.status).toBe('expired');
  if (expired.status === 'expired') {
    expect(expired.error.messageJa).toContain('新しい番号');
    expect(expired.error.messageEn).toContain('new code');
  }
});

it('throws the typed error for a TV app the platform does not know', async () => {
  const { client } = await setup();
  const error = await client.pairing.start({ ...BOX, clientId: 'unknown-app' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PairingError);
  expect((error as PairingError).code).toBe('INVALID_CLIENT');
  expect((error as PairingError).messageJa).toContain('ケーブルテレビ会社');
});

it('logs in without a reader: the login scope’s poll opens the session the phone’s card login made', async () => {
  const pki = await createTestPki({ generations: 1 });
  // Issued before the platform's clock starts: its certificate is valid from the clock's first moment.
  const card = await pki.issueCard(DEMO_HOLDERS[0]!);
  const { clock, simulator, client } = await setup(
    {
      trustAnchors: { auth: pki.trustAnchors('auth'), sign: pki.trustAnchors('sign') },
      crls: await crlsOf(pki),
      jlis: jlisOf(pki),
    },
    new TestClock(Date.now()),
  );
  const started = await client.pairing.start(BOX, { scope: 'login' });
  expect(await client.pairing.poll(started)).toEqual({ status: 'pending', intervalSeconds: 5 });
  expect(client.auth.isLoggedIn).toBe(false);
  // What the phone page does once the card was read on the phone and verified.
  const { tokens } = await registerDirectly(simulator, card);
  simulator.pairing.approveLogin(started.userCode, tokens);
  clock.advance(5_000);
  const polled = await client.pairing.poll(started);
  expect(polled).toEqual({ status: 'loggedIn', tokens });
  expect(client.auth.isLoggedIn).toBe(true);
  expect(await client.profile.get()).toMatchObject({ customerNumber: '10010001', displayName: '山田 太郎' });
});

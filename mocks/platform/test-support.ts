/**
 * Fixtures for the platform tests: a test PKI, the simulator on a controllable clock behind msw,
 * an SDK client, and cards — the real JPKI driver on an in-process virtual card, so the simulator is
 * checked against what the card really produces — plus a plain WebCrypto signer for crafted cases.
 */
import { setupServer, type SetupServer } from 'msw/node';
import { JpkiCard } from '../../native-bridge/src/jpki/jpki-card';
import { AUTH_PIN, SIGN_PASSWORD, virtualCard } from '../virtual-card/driver-fixtures';
import { createTestPki, DEMO_HOLDERS, type CardCredentials, type TestPki } from '../pki';
import { bytesToBase64, toArrayBuffer } from '../../src/platform/base64';
import { challengeDigest, type RegistrationCard } from '../../src/platform/card';
import { PlatformClient, type PlatformClientOptions } from '../../src/platform/client';
import type { RegistrationResult } from '../../src/platform/types';
import { createPlatformHandlers } from './handlers';
import { SimulatedJlis } from './simulator/jlis';
import { PlatformSimulator, type PlatformSimulatorConfig } from './simulator/simulator';

export const BASE_URL = 'http://platform.test';

/** A clock tests move by hand; the simulator and the client read the same one. */
export class TestClock {
  constructor(public time = Date.now()) {}
  readonly now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

/** CRLs of every root generation of both kinds, fresh at the PKI's clock. */
export async function crlsOf(pki: TestPki): Promise<Uint8Array[]> {
  const crls: Uint8Array[] = [];
  for (const kind of ['auth', 'sign'] as const) {
    for (const generation of pki.generations(kind)) crls.push(await pki.crl(kind, generation));
  }
  return crls;
}

/** The driver on a virtual card, as the TV app would reach it through the bridge. */
export function driverCard(credentials: CardCredentials): RegistrationCard & { driver: JpkiCard } {
  const driver = new JpkiCard(virtualCard(credentials).transport);
  return {
    driver,
    readAuthCertificate: () => driver.readCertificate('auth'),
    signWithAuthKey: (digest) => driver.sign('auth', AUTH_PIN, digest),
    readSignCertificate: () => driver.readSignCertificate(SIGN_PASSWORD),
    signWithSignKey: (digest) => driver.sign('sign', SIGN_PASSWORD, digest),
  };
}

/** RSASSA-PKCS1-v1_5/SHA-256 over `message` with a PKCS#8 key (what the card computes). */
export async function signRaw(privateKeyPkcs8: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'pkcs8',
    toArrayBuffer(privateKeyPkcs8),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, toArrayBuffer(message)));
}

/** Challenge string → bytes the card signs over (the platform verifies over these bytes). */
export function challengeBytes(challenge: string): Uint8Array {
  const padded =
    challenge.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (challenge.length % 4)) % 4);
  return new Uint8Array(Buffer.from(padded, 'base64'));
}

export interface PlatformFixture {
  pki: TestPki;
  clock: TestClock;
  simulator: PlatformSimulator;
  server: SetupServer;
  client(options?: Partial<PlatformClientOptions>): PlatformClient;
  refreshCrls(): Promise<void>;
  close(): void;
}

/** A simulated J-LIS that knows the test PKI's cards, also those issued after it was made. */
export function jlisOf(pki: TestPki): SimulatedJlis {
  const jlis = new SimulatedJlis();
  jlis.addSource({ version: async () => pki.jlisVersion, load: async () => pki.jlisRecords() });
  return jlis;
}

/**
 * A platform fixture and 山田 太郎's card (DEMO_HOLDERS[0]) for one test file: made before its
 * tests, the simulator reset before each, closed after them. Read both inside the tests.
 */
export function usePlatformWithYamada(): {
  readonly fixture: PlatformFixture;
  readonly yamada: CardCredentials;
} {
  let fixture: PlatformFixture | undefined;
  let yamada: CardCredentials | undefined;
  beforeAll(async () => {
    fixture = await createPlatformFixture();
    yamada = await fixture.pki.issueCard(DEMO_HOLDERS[0]!);
  });
  afterAll(() => fixture?.close());
  beforeEach(() => fixture!.simulator.reset());
  return {
    get fixture() {
      return fixture!;
    },
    get yamada() {
      return yamada!;
    },
  };
}

/**
 * Simulator + msw for one test file (call close() in afterAll). No rate limits unless the test
 * gives some: a test file logs in far faster than a viewer.
 */
export async function createPlatformFixture(
  config: Partial<PlatformSimulatorConfig> = {},
  pki?: TestPki,
): Promise<PlatformFixture> {
  const clock = new TestClock();
  // The PKI's own clock a minute behind: certificates and CRLs are already valid at the platform's now.
  const ownPki = pki ?? (await createTestPki({ now: new Date(clock.time - 60_000) }));
  const simulator = await PlatformSimulator.create({
    trustAnchors: { auth: ownPki.trustAnchors('auth'), sign: ownPki.trustAnchors('sign') },
    crls: await crlsOf(ownPki),
    now: clock.now,
    jlis: jlisOf(ownPki),
    limits: false,
    ...config,
  });
  const server = setupServer(...createPlatformHandlers(simulator, { baseUrl: BASE_URL }));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    pki: ownPki,
    clock,
    simulator,
    server,
    client: (options = {}) =>
      new PlatformClient({
        baseUrl: BASE_URL,
        now: () => clock.time,
        sleep: async () => undefined,
        ...options,
      }),
    refreshCrls: async () => simulator.setCrls(await crlsOf(ownPki)),
    close: () => server.close(),
  };
}

/** A login request body signed with the card's auth key (raw WebCrypto; for crafted cases). */
export async function signedLogin(
  credentials: CardCredentials,
  challenge: string,
): Promise<{ challenge: string; authCertificate: string; signature: string }> {
  return {
    challenge,
    authCertificate: bytesToBase64(credentials.authCertificate),
    signature: bytesToBase64(await signRaw(credentials.authPrivateKeyPkcs8, challengeBytes(challenge))),
  };
}

export { challengeDigest };

/** Links `card` to `customerNumber` without the app: a registration signed in Node. */
export async function registerDirectly(
  simulator: PlatformSimulator,
  card: CardCredentials,
  customerNumber = '10010001',
): Promise<RegistrationResult> {
  const { challenge } = simulator.createChallenge({ purpose: 'registration' });
  const message = challengeBytes(challenge);
  return simulator.register({
    customerNumber,
    challenge,
    authCertificate: bytesToBase64(card.authCertificate),
    authSignature: bytesToBase64(await signRaw(card.authPrivateKeyPkcs8, message)),
    signCertificate: bytesToBase64(card.signCertificate),
    signSignature: bytesToBase64(await signRaw(card.signPrivateKeyPkcs8, message)),
  });
}

/** The first cookie of an answer's Set-Cookie, as a Cookie header sends it back. */
export const cookieOf = (response: Response): string =>
  (response.headers.get('set-cookie') ?? '').split(';')[0]!;

/**
 * Pairs a phone with `box` through the phone page (approve) and the TV's poll: the TV's pairing and
 * the phone's `pairing_phone` cookie.
 */
export async function pairPhoneByPage(
  clock: TestClock,
  tv: PlatformClient,
  box: { clientId: string; boxId: string; boxName: string },
): Promise<{ pairing: { token: string; boxId: string }; phone: string; approved: Response }> {
  const started = await tv.pairing.start(box);
  const page = await fetch(`${BASE_URL}/pair?code=${started.userCode}`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const approved = await fetch(`${BASE_URL}/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieOf(page) },
    body: new URLSearchParams({ code: started.userCode, csrf, decision: 'approve' }).toString(),
  });
  clock.advance(5_000);
  const polled = await tv.pairing.poll(started);
  if (polled.status !== 'paired') throw new Error(`not paired: ${polled.status}`);
  return { pairing: { token: polled.token, boxId: box.boxId }, phone: cookieOf(approved), approved };
}

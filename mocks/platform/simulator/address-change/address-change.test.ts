/**
 * The one-stop address change through the SDK with the real JPKI driver on a virtual card: 最新4情報
 * with consent, the services and what each holds, one signed consent, deliveries that go on
 * without each other (one down, one that loses its answer, one needing the viewer), idempotency,
 * the result in the inbox, and no viewer reaching another's request.
 */
import { DEMO_HOLDERS, type CardCredentials } from '../../../pki';
import { bytesToBase64 } from '../../../../src/platform/base64';
import type { PlatformClient } from '../../../../src/platform/client';
import { addressChangeConsentDigest } from '../../../../src/platform/consent';
import type { AddressChange, AddressChangeRequest } from '../../../../src/platform/types';
import { SERVICE_CATALOGUE } from '../../seed/address-change';
import { BASE_URL, createPlatformFixture, driverCard, type PlatformFixture } from '../../test-support';
import { PlatformSimulator } from '../simulator';
import { backoffMs, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './delivery';
import type { AddressChangeRecord } from './records';
import {
  ServiceUnavailableError,
  SimulatedService,
  type DeliveryOrder,
  type ServiceEndpoint,
} from './services';

const NEW_ADDRESS = '東京都千代田区窓口町四丁目8番1号';
const OLD_ADDRESS = '東京都千代田区窓口町一丁目2番3号';

/** Takes the order, then the answer is lost on the way back: the platform must resend it. */
class LosesFirstAnswer implements ServiceEndpoint {
  lost = false;
  constructor(readonly inner: SimulatedService) {}
  async deliver(order: DeliveryOrder) {
    const answer = await this.inner.deliver(order);
    if (this.lost) return answer;
    this.lost = true;
    throw new ServiceUnavailableError('connection reset after the service took the order');
  }
  status(key: string) {
    return this.inner.status(key);
  }
}

let fixture: PlatformFixture;
let yamada: PlatformClient;
let sato: PlatformClient;
let yamadaCard: CardCredentials;
let satoCard: CardCredentials;
let services: Map<string, SimulatedService>;
let cableEndpoint: LosesFirstAnswer;
let yamadaToken: string;
/** The retries' random draw, set by the test that checks the jitter (else just below 1: the ceiling). */
let draw = 0.999;

const catalogue = (id: string) => SERVICE_CATALOGUE.find((s) => s.id === id)!;

beforeAll(async () => {
  const now = () => fixture.clock.now();
  services = new Map(SERVICE_CATALOGUE.map((s) => [s.id, new SimulatedService(s, now)]));
  cableEndpoint = new LosesFirstAnswer(services.get('cable')!);
  const endpoints = new Map<string, ServiceEndpoint>([...services, ['cable', cableEndpoint]]);
  // Energy is down for good in this town: only retries and, in the end, 要対応.
  endpoints.set('energy', {
    deliver: async () => Promise.reject(new ServiceUnavailableError('down')),
    status: async () => undefined,
  });
  fixture = await createPlatformFixture({ serviceEndpoints: endpoints, random: () => draw });
  [yamadaCard, satoCard] = await Promise.all([
    fixture.pki.issueCard(DEMO_HOLDERS[0]!),
    fixture.pki.issueCard(DEMO_HOLDERS[1]!),
  ]);
  yamada = fixture.client();
  sato = fixture.client();
  const registered = await yamada.registration.register(driverCard(yamadaCard), '10010001');
  yamadaToken = registered.tokens.accessToken;
  await sato.registration.register(driverCard(satoCard), '10010002');
});
afterAll(() => fixture.close());

const deliver = () => fixture.simulator.addressChangeDesk.delivery.runDue();

async function signed(
  client: PlatformClient,
  card: CardCredentials,
  choice: { newAddress: string; services: string[] },
  signedChoice = choice,
): Promise<AddressChangeRequest> {
  const { challenge } = await client.addressChanges.challenge();
  const driver = driverCard(card);
  const signature = await driver.signWithSignKey(
    await addressChangeConsentDigest({ challenge, ...signedChoice }),
  );
  return {
    challenge,
    ...choice,
    signCertificate: bytesToBase64(await driver.readSignCertificate()),
    signature: bytesToBase64(signature),
  };
}

const statusOf = (request: AddressChange) =>
  Object.fromEntries(request.deliveries.map((d) => [d.serviceId, d.status]));

it('fetches 最新4情報 only with consent, and shows what each linked service holds', async () => {
  await expect(
    fetch(`${BASE_URL}/v1/address-changes/basic-information`, { method: 'POST', body: '{}' }).then(
      (r) => r.status,
    ),
  ).resolves.toBe(401);
  const latest = await yamada.addressChanges.fetchBasicInformation();
  expect(latest).toMatchObject({
    name: '山田 太郎',
    address: NEW_ADDRESS,
    birthDate: '1947-05-14',
    sex: '1',
  });
  expect(fixture.simulator.store.list('basic-information-fetches', '10010001')).toEqual([
    expect.objectContaining({ fetchedAt: latest.fetchedAt }),
  ]);
  const refused = await fetch(`${BASE_URL}/v1/address-changes/basic-information`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${yamadaToken}` },
    body: JSON.stringify({ consent: false }),
  });
  expect(refused.status).toBe(400);
  expect(fixture.simulator.store.count('basic-information-fetches')).toBe(1);
  const list = await yamada.addressChanges.services();
  expect(list.services.map((s) => [s.id, s.linked, s.heldAddress])).toEqual(
    ['cable', 'health-insurer', 'facility-booking', 'energy', 'bank'].map((id) => [id, true, OLD_ADDRESS]),
  );
  const satoServices = await sato.addressChanges.services();
  expect(satoServices.services.filter((s) => s.linked).map((s) => s.id)).toEqual([
    'cable',
    'health-insurer',
    'facility-booking',
  ]);
});

it('tells every service on its own: one down, one losing its answer, one needing the viewer', async () => {
  const choice = {
    newAddress: NEW_ADDRESS,
    services: ['bank', 'cable', 'energy', 'facility-booking', 'health-insurer'],
  };
  const request = await yamada.addressChanges.create(driverCard(yamadaCard), choice);
  expect(request.status).toBe('inProgress');
  expect(Object.values(statusOf(request))).toEqual(['sending', 'sending', 'sending', 'sending', 'sending']);
  expect(request.consent.signCertificateSerial).toBe(yamadaCard.signSerialHex);

  await deliver();
  let now = await yamada.addressChanges.get(request.id);
  expect(statusOf(now)).toEqual({
    bank: 'actionRequired',
    cable: 'sending', // its answer was lost: resent after backoff
    energy: 'sending',
    'facility-booking': 'completed',
    'health-insurer': 'accepted',
  });
  expect(now.deliveries.find((d) => d.serviceId === 'bank')?.reason).toBe(catalogue('bank').behaviour.reason);

  // Walk the clock through the backoff schedule: energy never answers, the others finish meanwhile.
  for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
    fixture.clock.advance(backoffMs(attempt));
    await deliver();
    if (attempt === 1) {
      expect(statusOf(await yamada.addressChanges.get(request.id)).cable).toBe('accepted');
    }
  }
  fixture.clock.advance(5 * 60_000);
  await deliver();
  now = await yamada.addressChanges.get(request.id);
  expect(statusOf(now)).toEqual({
    bank: 'actionRequired',
    cable: 'completed',
    energy: 'actionRequired',
    'facility-booking': 'completed',
    'health-insurer': 'completed',
  });
  expect(now.status).toBe('actionRequired');
  expect(now.deliveries.find((d) => d.serviceId === 'energy')).toMatchObject({
    attempts: MAX_DELIVERY_ATTEMPTS,
    reason: expect.stringContaining('つながりませんでした'),
  });
  // The cable operator got the order twice (the lost answer) and changed its record once.
  expect(services.get('cable')!.deliveryCalls).toBe(2);
  expect(services.get('cable')!.appliedChanges).toBe(1);

  const held = await yamada.addressChanges.services();
  expect(Object.fromEntries(held.services.map((s) => [s.id, s.heldAddress]))).toEqual({
    cable: NEW_ADDRESS,
    'health-insurer': NEW_ADDRESS,
    'facility-booking': NEW_ADDRESS,
    energy: OLD_ADDRESS,
    bank: OLD_ADDRESS,
  });
  const inbox = await yamada.notices.list();
  const result = inbox.notices.find((n) => n.sender.id === 'platform')!;
  expect(result.title).toBe('住所変更の届け出に要対応があります');
  expect((await yamada.notices.get(result.id)).body).toContain(
    `窓口町信用金庫：要対応（${catalogue('bank').behaviour.reason}）`,
  );
  await deliver(); // nothing left to do: no second result notice
  expect((await yamada.notices.list()).notices.filter((n) => n.sender.id === 'platform')).toHaveLength(1);
});

it('waits a random part of the backoff before each retry (full jitter), never more than the ceiling', async () => {
  expect([1, 2, 3, 7, 8].map((attempts) => backoffMs(attempts))).toEqual([
    5_000, 10_000, 20_000, 300_000, 300_000,
  ]);
  expect(retryDelayMs(3, () => 0)).toBe(0);
  expect(retryDelayMs(3, () => 0.25)).toBe(5_000);
  expect(retryDelayMs(3, () => 0.999_999)).toBeLessThan(20_000);

  const request = await yamada.addressChanges.create(driverCard(yamadaCard), {
    newAddress: NEW_ADDRESS,
    services: ['energy'], // down for good: every delivery fails
  });
  const energy = () =>
    fixture.simulator.store
      .get<AddressChangeRecord>('address-changes', request.id)!
      .deliveries.find((d) => d.serviceId === 'energy')!;
  try {
    draw = 0.5;
    await deliver();
    const failedAt = fixture.clock.time;
    expect(energy()).toMatchObject({ attempts: 1, status: 'sending' });
    expect(Date.parse(energy().nextAttemptAt!) - failedAt).toBe(2_500); // half of 5 s
    fixture.clock.advance(2_499);
    await deliver();
    expect(energy().attempts).toBe(1); // not due yet
    fixture.clock.advance(1);
    draw = 0.1;
    await deliver();
    expect(energy().attempts).toBe(2);
    expect(Date.parse(energy().nextAttemptAt!) - fixture.clock.time).toBe(1_000); // a tenth of 10 s
  } finally {
    draw = 0.999;
  }
});

it('makes one request of a retry and of a double OK (the same Idempotency-Key)', async () => {
  const choice = { newAddress: NEW_ADDRESS, services: ['facility-booking'] };
  const request = await signed(yamada, yamadaCard, choice);
  const [first, second] = await Promise.all([
    yamada.addressChanges.createWithSignature(request, { idempotencyKey: 'double-ok-key' }),
    yamada.addressChanges.createWithSignature(request, { idempotencyKey: 'double-ok-key' }),
  ]);
  const retry = await yamada.addressChanges.createWithSignature(request, { idempotencyKey: 'double-ok-key' });
  expect(new Set([first.id, second.id, retry.id]).size).toBe(1);
  const other = { ...request, services: ['cable'] };
  await expect(
    yamada.addressChanges.createWithSignature(other, { idempotencyKey: 'double-ok-key' }),
  ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  const mine = await yamada.addressChanges.list();
  expect(mine.addressChanges.filter((r) => r.id === first.id)).toHaveLength(1);
});

it('makes one request when the answer is lost and the SDK sends it again by itself', async () => {
  let lost = 0;
  const flaky = fixture.client({
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (init?.method === 'POST' && url.endsWith('/v1/address-changes') && lost++ === 0) {
        throw new TypeError('network connection lost after the platform answered');
      }
      return response;
    },
  });
  await flaky.auth.login(driverCard(yamadaCard));
  const before = (await flaky.addressChanges.list()).addressChanges.length;
  const request = await flaky.addressChanges.create(driverCard(yamadaCard), {
    newAddress: NEW_ADDRESS,
    services: ['facility-booking'],
  });
  expect(lost).toBe(2);
  const after = (await flaky.addressChanges.list()).addressChanges;
  expect(after).toHaveLength(before + 1);
  expect(after[0]!.id).toBe(request.id);
});

it('carries on after a restart: a platform made over the same store delivers what was left', async () => {
  const request = await yamada.addressChanges.create(driverCard(yamadaCard), {
    newAddress: NEW_ADDRESS,
    services: ['facility-booking'],
  });
  const seeded = () =>
    fixture.simulator.store.list<{ senderId: string }>('notices').filter((n) => n.senderId !== 'platform')
      .length;
  const seededBefore = seeded();
  const restarted = await PlatformSimulator.create({
    trustAnchors: { auth: fixture.pki.trustAnchors('auth'), sign: fixture.pki.trustAnchors('sign') },
    now: fixture.clock.now,
    store: fixture.simulator.store,
    serviceEndpoints: new Map([
      ['facility-booking', new SimulatedService(catalogue('facility-booking'), fixture.clock.now)],
    ]),
  });
  await restarted.addressChangeDesk.delivery.runDue();
  expect((await yamada.addressChanges.get(request.id)).status).toBe('completed');
  // Not seeded again: the store already held the town.
  expect(seeded()).toBe(seededBefore);
});

it('refuses a consent not signed by the viewer, over other choices, or with another viewer’s challenge', async () => {
  const choice = { newAddress: NEW_ADDRESS, services: ['cable'] };
  const satoSigned = await signed(yamada, satoCard, choice);
  await expect(yamada.addressChanges.createWithSignature(satoSigned)).rejects.toMatchObject({
    code: 'CERTIFICATES_NOT_LINKED',
  });
  const widened = await signed(yamada, yamadaCard, { ...choice, services: ['cable', 'bank'] }, choice);
  await expect(yamada.addressChanges.createWithSignature(widened)).rejects.toMatchObject({
    code: 'CHALLENGE_MISMATCH',
  });
  const satosChallenge = await signed(sato, yamadaCard, choice);
  await expect(yamada.addressChanges.createWithSignature(satosChallenge)).rejects.toMatchObject({
    code: 'CHALLENGE_UNKNOWN',
  });
  const unlinked = await signed(sato, satoCard, { newAddress: NEW_ADDRESS, services: ['bank'] });
  await expect(sato.addressChanges.createWithSignature(unlinked)).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  });
});

it('lets no viewer reach another’s request, and answers 401 without a session on every path', async () => {
  const [mine] = (await yamada.addressChanges.list()).addressChanges;
  await expect(sato.addressChanges.get(mine!.id)).rejects.toMatchObject({ code: 'ADDRESS_CHANGE_NOT_FOUND' });
  expect((await sato.addressChanges.list()).addressChanges).toEqual([]);
  const paths: [string, string][] = [
    ['POST', '/v1/address-changes/basic-information'],
    ['POST', '/v1/address-changes/challenges'],
    ['GET', '/v1/address-changes/services'],
    ['GET', '/v1/address-changes'],
    ['POST', '/v1/address-changes'],
    ['GET', `/v1/address-changes/${mine!.id}`],
  ];
  for (const [method, path] of paths) {
    const response = await fetch(`${BASE_URL}${path}`, {
      method,
      body: method === 'POST' ? 'not json' : null,
    });
    expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 401, 'no-store']);
  }
});

it('after a move, takes the card’s new signature certificate for 変更確認 once it signed a consent', async () => {
  const suzuki = fixture.client();
  const before = await fixture.pki.issueCard(DEMO_HOLDERS[2]!);
  await suzuki.registration.register(driverCard(before), '10010003');
  const moved = await fixture.pki.changeHolderInformation(before, {
    ...DEMO_HOLDERS[2]!,
    address: '東京都千代田区窓口町五丁目1番1号',
  });
  await fixture.refreshCrls();
  expect((await suzuki.profile.get()).signCertificate).toMatchObject({ status: 'holderInformationChanged' });

  // The old certificate cannot sign a consent any more; the new one, linked to the card, can.
  const choice = { newAddress: '東京都千代田区窓口町五丁目1番1号', services: ['cable'] };
  await expect(suzuki.addressChanges.create(driverCard(before), choice)).rejects.toMatchObject({
    code: 'CERTIFICATE_REVOKED',
  });
  const request = await suzuki.addressChanges.create(driverCard(moved), choice);
  expect(request.consent.signCertificateSerial).toBe(moved.signSerialHex);
  expect((await suzuki.profile.get()).signCertificate).toMatchObject({ status: 'valid', notify: false });
});

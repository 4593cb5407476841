/**
 * The SDK against the simulator (msw in process), with signatures from the real JPKI driver on a
 * virtual card: registration, login, every resource's happy path, token refresh and session end.
 */
import { DEMO_HOLDERS } from '../../mocks/pki';
import {
  BASE_URL,
  usePlatformWithYamada,
  driverCard,
  type PlatformFixture,
} from '../../mocks/platform/test-support';
import { RegistrationRequiredError, SessionExpiredError } from './errors';
import type { PlatformClient } from './client';

const MINUTE = 60_000;
const platform = usePlatformWithYamada();

async function registeredClient(
  options: Parameters<PlatformFixture['client']>[0] = {},
): Promise<PlatformClient> {
  const client = platform.fixture.client(options);
  await client.registration.register(driverCard(platform.yamada), '1001-0001');
  return client;
}

describe('registration and login with the card', () => {
  it('asks for registration first, then links the card and logs in', async () => {
    const client = platform.fixture.client();
    const card = driverCard(platform.yamada);
    await expect(client.auth.login(card)).rejects.toBeInstanceOf(RegistrationRequiredError);

    const result = await client.registration.register(card, '１００１０００１'); // as typed with full-width digits
    expect(result).toMatchObject({ customerNumber: '10010001', displayName: '山田 太郎' });
    expect(client.auth.isLoggedIn).toBe(true);

    const other = platform.fixture.client();
    const tokens = await other.auth.login(card);
    expect(tokens.tokenType).toBe('Bearer');
    expect((await other.profile.get()).displayName).toBe('山田 太郎');
  });

  it('accepts a card issued by the older root generation (the root is chosen by signature)', async () => {
    const older = await platform.fixture.pki.issueCard(DEMO_HOLDERS[1]!, { generation: 1 });
    const client = platform.fixture.client();
    const result = await client.registration.register(driverCard(older), '10010002');
    expect(result.displayName).toBe('佐藤 花子');
    await expect(platform.fixture.client().auth.login(driverCard(older))).resolves.toBeDefined();
  });
});

describe('resources', () => {
  it('profile: name and certificate expiry with the 90-day warning flag', async () => {
    const client = await registeredClient();
    const profile = await client.profile.get();
    expect(profile).toMatchObject({ customerNumber: '10010001', municipality: '東京都千代田区窓口町' });
    expect(Date.parse(profile.certificate.notAfter)).toBeGreaterThan(platform.fixture.clock.time);
    expect(profile.certificate.renewalWarning).toBe(profile.certificate.daysRemaining <= 90);
  });

  it('health: three years of checkups, one checkup, a trend and medications', async () => {
    const client = await registeredClient();
    const { checkups } = await client.health.checkups();
    expect(checkups).toHaveLength(3);
    expect(checkups[0]!.date > checkups[2]!.date).toBe(true);

    const newest = await client.health.checkup(checkups[0]!.id);
    const hba1c = newest.items.find((item) => item.code === '3D046')!;
    expect(hba1c).toMatchObject({ name: 'HbA1c（NGSP）', unit: '%', value: 6.7, judgement: 'D' });
    expect(newest.items.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        '3D010',
        '3F077',
        '3F070',
        '3F015',
        '3B035',
        '3B045',
        '3B090',
        '9A751',
        '9A761',
      ]),
    );
    expect(newest.overallJudgement).toBe('D');

    const trend = await client.health.trend('3D046');
    expect(trend.points.map((p) => p.value)).toEqual([6.0, 6.3, 6.7]);
    expect(trend.points.map((p) => p.judgement)).toEqual(['C', 'C', 'D']);

    const { medications } = await client.health.medications();
    expect(medications.length).toBeGreaterThan(3);
    expect(medications[0]).toMatchObject({ drugName: 'メトホルミン塩酸塩錠250mg', days: 28 });

    const recent = await client.health.checkups({ from: checkups[0]!.date });
    expect(recent.checkups).toHaveLength(1);
  });

  it('facilities: rooms, コマ and availability', async () => {
    const client = await registeredClient();
    const { facilities } = await client.facilities.list();
    expect(facilities.length).toBeGreaterThanOrEqual(5);
    const kominkan = await client.facilities.get('kominkan');
    expect(kominkan.rooms[0]!.slots.map((s) => `${s.label} ${s.start}–${s.end}`)).toEqual([
      '朝 09:00–12:00',
      '午後 13:00–17:00',
      '夜間 18:00–21:00',
    ]);
    const from = new Date(platform.fixture.clock.time + 2 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
    const to = new Date(platform.fixture.clock.time + 8 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
    const availability = await client.facilities.availability('kominkan', {
      from,
      to,
      roomId: 'kominkan-washitsu',
    });
    expect(availability.days).toHaveLength(7);
    const statuses = availability.days.flatMap((d) => d.rooms.flatMap((r) => r.slots.map((s) => s.status)));
    expect(statuses).toContain('closed'); // 毎週月曜休館
    expect(statuses).toContain('available');
  });

  it('bookings: create, list mine, cancel before the deadline', async () => {
    const client = await registeredClient();
    const date = new Date(platform.fixture.clock.time + 20 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
    const booking = await client.bookings.create({
      facilityId: 'undokoen',
      roomId: 'undokoen-tennis-a',
      date,
      slot: 'morning',
    });
    expect(booking).toMatchObject({ status: 'confirmed', facilityName: '窓口町運動公園', feeYen: 1000 });
    expect(booking.cancellation.rule).toContain('3日前');
    expect((await client.bookings.list()).bookings.map((b) => b.id)).toEqual([booking.id]);
    const cancelled = await client.bookings.cancel(booking.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await client.bookings.cancel(booking.id)).status).toBe('cancelled'); // idempotent
  });
});

describe('tokens', () => {
  it('refreshes an access token that ran out before using it', async () => {
    const client = await registeredClient();
    platform.fixture.clock.advance(16 * MINUTE);
    await expect(client.profile.get()).resolves.toMatchObject({ customerNumber: '10010001' });
  });

  it('refreshes once on 401 TOKEN_EXPIRED and resends', async () => {
    // The box's clock is behind: the client thinks the token is fresh, the platform does not.
    let clientTime = platform.fixture.clock.time;
    const client = await registeredClient({ now: () => clientTime });
    platform.fixture.clock.advance(16 * MINUTE);
    clientTime += 1000;
    await expect(client.health.checkups()).resolves.toBeDefined();
  });

  it('a box clock 9 hours fast does not end the session right after login: expiry is the platform’s time', async () => {
    const onSessionExpired = jest.fn();
    const client = await registeredClient({
      now: () => platform.fixture.clock.time + 9 * 60 * MINUTE,
      onSessionExpired,
    });
    expect(client.auth.isLoggedIn).toBe(true);
    await expect(client.profile.get()).resolves.toMatchObject({ customerNumber: '10010001' });
    expect(Math.abs(client.now() - platform.fixture.clock.time)).toBeLessThanOrEqual(2_000);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('ends the session when the refresh token has expired too, and tells the app', async () => {
    const onSessionExpired = jest.fn();
    const client = await registeredClient({ onSessionExpired });
    platform.fixture.clock.advance(9 * 60 * MINUTE);
    const error = await client.profile.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect((error as SessionExpiredError).messageJa).toContain('ログイン');
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(client.auth.isLoggedIn).toBe(false);
  });

  it('logout ends the tokens on the platform', async () => {
    const client = await registeredClient();
    await client.auth.logout();
    expect(client.auth.isLoggedIn).toBe(false);
    await expect(client.profile.get()).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
  });

  it('refuses a refresh token that was already spent, and ends the whole session (rotation)', async () => {
    const client = platform.fixture.client();
    const { tokens } = await client.registration.register(driverCard(platform.yamada), '10010001');
    await client.auth.refresh();
    const replay = await fetch(`${BASE_URL}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('content-type')).toBe('application/problem+json');
    expect(await replay.json()).toMatchObject({ code: 'REFRESH_TOKEN_REUSED', status: 401 });
    // A copy of a spent token is out there: the rotated pair ends too, and the app is told why.
    await expect(client.profile.get()).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    expect(client.auth.isLoggedIn).toBe(false);
  });
});

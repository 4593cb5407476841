import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../store/record-store';
import { SqliteStore } from '../../store/sqlite-store';
import { TestClock } from '../../test-support';
import { ProblemError } from '../problem';
import { DEMO_PAIRING_CLIENTS } from './clients';
import {
  DEVICE_GRANT_TYPE,
  DeviceFlow,
  SlowDown,
  UnknownUserCode,
  type LoginGrant,
  type PairingGrant,
} from './device-flow';
import { formatUserCode, newUserCode, normalizeUserCode, USER_CODE_ALPHABET } from './user-code';

const PAGE = 'https://platform.test/pair';
const BOX = {
  client_id: 'madoguchi-cable-tokyo',
  box_id: 'box-0123456789abcdef',
  box_name: 'リビングのテレビ',
};

/** One poll of `flow` for `deviceCode`, answered with a grant (or rejected with the problem). */
const pollOnce = (flow: DeviceFlow, deviceCode: string, clientId = BOX.client_id) =>
  flow
    .poll({ grant_type: DEVICE_GRANT_TYPE, device_code: deviceCode, client_id: clientId })
    .then((grant) => grant as PairingGrant);

function setup(scope: 'pairing' | 'login' = 'pairing') {
  const clock = new TestClock(Date.UTC(2026, 11, 7, 3, 0, 0));
  const flow = new DeviceFlow({ now: clock.now, store: new MemoryStore(), clients: DEMO_PAIRING_CLIENTS });
  const started = flow.start({ ...BOX, scope }, PAGE);
  const poll = (deviceCode = started.device_code, clientId = BOX.client_id) =>
    pollOnce(flow, deviceCode, clientId);
  /** The code of the problem a poll ends in (or 'granted'). */
  const outcome = async (deviceCode?: string, clientId?: string): Promise<string> =>
    poll(deviceCode, clientId).then(
      () => 'granted',
      (error: unknown) => (error instanceof ProblemError ? error.code : String(error)),
    );
  return { clock, flow, started, poll, outcome };
}

describe('user codes', () => {
  it('are 8 letters of the alphabet without vowels or digits, shown 4-4', () => {
    for (let i = 0; i < 200; i++) {
      const code = newUserCode();
      expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    }
    expect(USER_CODE_ALPHABET).toHaveLength(20);
    expect(formatUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
  });

  it('are read in any case, with or without the dash, and in full-width letters', () => {
    expect(normalizeUserCode('bcdf-ghjk')).toBe('BCDFGHJK');
    expect(normalizeUserCode(' BCDF GHJK ')).toBe('BCDFGHJK');
    expect(normalizeUserCode('ＢＣＤＦ－ＧＨＪＫ')).toBe('BCDFGHJK');
    expect(normalizeUserCode('BCDF-GHJA')).toBeUndefined(); // a vowel
    expect(normalizeUserCode('BCDF-GHJ')).toBeUndefined();
    expect(normalizeUserCode('x'.repeat(100))).toBeUndefined();
  });
});

describe('device authorization (RFC 8628 §3.2)', () => {
  it('gives a high-entropy device code, a user code, the page with the code only, ≤ 600 s and 5 s', () => {
    const { started } = setup();
    expect(started.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(started.verification_uri).toBe(PAGE);
    expect(started.verification_uri_complete).toBe(`${PAGE}?code=${started.user_code}`);
    expect(started.expires_in).toBeLessThanOrEqual(600);
    expect(started.interval).toBe(5);
  });

  it('refuses an unknown client, a bad box id or name, and another scope', () => {
    const { flow } = setup();
    const code = (body: Record<string, unknown>) => {
      try {
        flow.start(body, PAGE);
        return 'started';
      } catch (error) {
        return (error as ProblemError).code;
      }
    };
    expect(code({ ...BOX, client_id: 'someone-else' })).toBe('INVALID_CLIENT');
    expect(code({ ...BOX, box_id: 'short' })).toBe('VALIDATION_FAILED');
    expect(code({ ...BOX, box_name: '' })).toBe('VALIDATION_FAILED');
    expect(code({ ...BOX, box_name: 'テ'.repeat(33) })).toBe('VALIDATION_FAILED');
    expect(code({ ...BOX, box_name: 'TV\u202e' })).toBe('VALIDATION_FAILED');
    expect(code({ ...BOX, scope: 'openid' })).toBe('INVALID_SCOPE');
    expect(code({ ...BOX, box_name: '<b>居間</b>' })).toBe('started'); // plain text; the page escapes it
  });
});

describe('polling (RFC 8628 §3.5)', () => {
  it('answers authorization_pending until the viewer answers, then the grant exactly once', async () => {
    const { clock, flow, started, poll, outcome } = setup();
    expect(await outcome()).toBe('AUTHORIZATION_PENDING');
    clock.advance(5_000);
    expect(await outcome()).toBe('AUTHORIZATION_PENDING');
    expect(flow.pending(started.user_code.toLowerCase()).boxName).toBe('リビングのテレビ');
    flow.decide(started.user_code, true);
    clock.advance(5_000);
    const grant = await poll();
    expect(grant).toMatchObject({ token_type: 'Bearer', scope: 'pairing' });
    expect(grant.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(grant.expires_in).toBeGreaterThan(86_400);
    clock.advance(5_000);
    expect(await outcome()).toBe('INVALID_GRANT'); // single use
  });

  it('answers slow_down to a poll within the interval, and the interval grows by 5 s each time', async () => {
    const { clock, poll, outcome } = setup();
    expect(await outcome()).toBe('AUTHORIZATION_PENDING');
    clock.advance(1_000);
    const first = await poll().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(SlowDown);
    expect((first as SlowDown).interval).toBe(10);
    clock.advance(6_000); // on time for 5 s, early for 10 s
    expect(((await poll().catch((e: unknown) => e)) as SlowDown).interval).toBe(15);
    clock.advance(15_000);
    expect(await outcome()).toBe('AUTHORIZATION_PENDING');
  });

  it('answers access_denied after the viewer declined', async () => {
    const { flow, started, outcome } = setup();
    flow.decide(started.user_code, false);
    expect(await outcome()).toBe('ACCESS_DENIED');
  });

  it('answers expired_token after expires_in, also when the viewer approved too late', async () => {
    const { clock, flow, started, outcome } = setup();
    clock.advance(started.expires_in * 1000);
    expect(() => flow.decide(started.user_code, true)).toThrow(UnknownUserCode);
    expect(await outcome()).toBe('EXPIRED_TOKEN');
    clock.advance(60 * 60_000); // long forgotten: as unknown as any other
    expect(await outcome()).toBe('INVALID_GRANT');
  });

  it('tells nothing of a code that is unknown or another client’s', async () => {
    const { outcome, started } = setup();
    expect(await outcome('x'.repeat(43))).toBe('INVALID_GRANT');
    expect(await outcome(started.device_code, 'minato-catv')).toBe('INVALID_GRANT');
    expect(await outcome(undefined, 'nobody')).toBe('INVALID_CLIENT');
    const { flow } = setup();
    await expect(
      flow.poll({ grant_type: 'password', device_code: 'x', client_id: BOX.client_id }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_GRANT_TYPE',
    });
  });
});

describe('the phone side', () => {
  it('finds a pending request by its code only, and a code answers once', () => {
    const { flow, started } = setup();
    const request = flow.pending(started.user_code.replace('-', '').toLowerCase());
    expect(request).toMatchObject({ userCode: started.user_code, boxName: BOX.box_name });
    expect(request.client.name.ja).toBe('まどぐちケーブル東京');
    flow.decide(started.user_code, true);
    expect(() => flow.decide(started.user_code, false)).toThrow(UnknownUserCode);
    expect(() => flow.pending(started.user_code)).toThrow(UnknownUserCode);
    expect(() => flow.pending('BCDF-GHJK-X')).toThrow(UnknownUserCode);
  });
});

describe('the pairing grant', () => {
  it('is bound to the box that asked and ends after its time', async () => {
    const { clock, flow, started, poll } = setup();
    flow.decide(started.user_code, true);
    const grant = await poll();
    const pairing = await flow.pairingOf(grant.access_token, BOX.box_id);
    expect(pairing).toMatchObject({ id: grant.pairing_id, boxName: BOX.box_name, clientId: BOX.client_id });
    expect(await flow.pairingOf(grant.access_token, 'another-box-0123456')).toBeUndefined();
    expect(await flow.pairingOf('x'.repeat(43), BOX.box_id)).toBeUndefined();
    clock.advance(grant.expires_in * 1000);
    expect(await flow.pairingOf(grant.access_token, BOX.box_id)).toBeUndefined();
  });

  it('is replaced when the box pairs again', async () => {
    const { flow, started, poll } = setup();
    flow.decide(started.user_code, true);
    const first = await poll();
    const again = flow.start(BOX, PAGE);
    flow.decide(again.user_code, true);
    const second = await pollOnce(flow, again.device_code);
    expect(await flow.pairingOf(first.access_token, BOX.box_id)).toBeUndefined();
    expect(await flow.pairingOf(second.access_token, BOX.box_id)).toMatchObject({ id: second.pairing_id });
  });

  it('outlives a restart of the platform in SQLite, kept by its token’s hash only', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pairing-'));
    try {
      const clock = new TestClock();
      const stores: SqliteStore[] = [];
      const open = () => {
        stores.push(SqliteStore.open(dir));
        return new DeviceFlow({ now: clock.now, store: stores.at(-1)!, clients: DEMO_PAIRING_CLIENTS });
      };
      const before = open();
      const started = before.start(BOX, PAGE);
      before.decide(started.user_code, true);
      const grant = await pollOnce(before, started.device_code);
      for (const file of await fs.readdir(dir)) {
        const bytes = await fs.readFile(path.join(dir, file));
        expect([file, bytes.includes(Buffer.from(grant.access_token))]).toEqual([file, false]);
      }
      expect(await open().pairingOf(grant.access_token, BOX.box_id)).toMatchObject({ id: grant.pairing_id });
      for (const store of stores) store.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the login scope (a box without a reader)', () => {
  const TOKENS = {
    tokenType: 'Bearer' as const,
    accessToken: 'access-token-of-the-session',
    accessTokenExpiresAt: '2026-12-07T03:15:00.000Z',
    refreshToken: 'refresh-token-of-the-session',
    refreshTokenExpiresAt: '2026-12-07T11:00:00.000Z',
  };

  it('is approved by the phone’s card login alone, never by the page’s button', async () => {
    const { flow, started, outcome } = setup('login');
    expect(flow.pending(started.user_code).scope).toBe('login');
    expect(() => flow.decide(started.user_code, true)).toThrow(ProblemError);
    expect(await outcome()).toBe('AUTHORIZATION_PENDING');
    flow.approveLogin(started.user_code, TOKENS);
    expect(() => flow.pending(started.user_code)).toThrow(UnknownUserCode);
  });

  it('answers the TV’s next poll with the session, once', async () => {
    const { clock, flow, started, poll, outcome } = setup('login');
    flow.approveLogin(started.user_code, TOKENS);
    clock.advance(5_000);
    const grant = (await poll()) as unknown as LoginGrant;
    expect(grant).toEqual({
      access_token: TOKENS.accessToken,
      token_type: 'Bearer',
      expires_in: 15 * 60 - 5,
      access_token_expires_at: TOKENS.accessTokenExpiresAt,
      refresh_token: TOKENS.refreshToken,
      refresh_token_expires_at: TOKENS.refreshTokenExpiresAt,
      scope: 'login',
    });
    expect(await outcome()).toBe('INVALID_GRANT');
  });

  it('can still be declined on the phone (refused by the platform with its reason), and a pairing request cannot be approved as a login', async () => {
    const declined = setup('login');
    declined.flow.decide(declined.started.user_code, false);
    expect(await declined.outcome()).toBe('ACCESS_DENIED');
    const refused = setup('login');
    refused.flow.refuseLogin(refused.started.user_code, 'CERTIFICATE_REVOKED');
    await expect(refused.poll()).rejects.toMatchObject({
      problem: { code: 'ACCESS_DENIED', reason: 'CERTIFICATE_REVOKED' },
    });
    const pairing = setup('pairing');
    expect(() => pairing.flow.approveLogin(pairing.started.user_code, TOKENS)).toThrow(UnknownUserCode);
  });
});

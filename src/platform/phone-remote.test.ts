/**
 * The paired phone's touch remote, end to end through the SDK and the simulator's handlers: the
 * phone page's presses (its own cookie first, CSRF, the pairing's rate, the text's length), the
 * TV's short poll (the session first, then the pairing), text filtered to the TV's entry, and no
 * press at all while the TV shows a PIN or password screen.
 */
import { DEMO_HOLDERS } from '../../mocks/pki';
import {
  BASE_URL,
  cookieOf,
  createPlatformFixture,
  driverCard,
  pairPhoneByPage,
  type PlatformFixture,
} from '../../mocks/platform/test-support';
import type { CardCredentials } from '../../mocks/pki';
import { NotPairedError } from './errors';
import type { PlatformClient } from './client';
import type { CurrentPairing } from './resources/pairing';

const PRESSES_PER_MINUTE = 8;
let fixture: PlatformFixture;
let yamada: CardCredentials;

beforeAll(async () => {
  // Only the remote is limited here, and tightly, so the test reaches the limit.
  fixture = await createPlatformFixture({
    limits: {
      client: { 'phone-remote': { points: PRESSES_PER_MINUTE, windowSeconds: 60 } },
      certificate: {},
      global: {},
    },
  });
  yamada = await fixture.pki.issueCard(DEMO_HOLDERS[0]!);
});
afterAll(() => fixture.close());
beforeEach(async () => {
  fixture.simulator.reset();
  await fixture.client().registration.register(driverCard(yamada), '10010001');
});

const BOX = { clientId: 'madoguchi-cable-tokyo', boxId: 'box-0123456789abcdef', boxName: 'リビングのテレビ' };

interface Paired {
  tv: PlatformClient;
  pairing: CurrentPairing;
  /** One press or text from the phone page (its cookies and the page's token unless given). */
  press: (fields: Record<string, string>, headers?: Record<string, string>) => Promise<Response>;
  page: () => Promise<Response>;
}

async function paired(): Promise<Paired> {
  const tv = fixture.client();
  await tv.auth.login(driverCard(yamada));
  const { pairing, phone } = await pairPhoneByPage(fixture.clock, tv, BOX);
  // The TV shows the app and polls (the test clock stands still until a test moves it).
  expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
  const page = () => fetch(`${BASE_URL}/pair/phone`, { headers: { Cookie: phone } });
  const first = await page();
  const cookies = `${phone}; ${cookieOf(first)}`;
  const html = await first.text();
  const csrf =
    /action="\/pair\/phone\/remote" class="pad">\s*<input type="hidden" name="csrf" value="([^"]+)"/.exec(
      html,
    )![1]!;
  const press = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${BASE_URL}/pair/phone/remote`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies, ...headers },
      body: new URLSearchParams({ csrf, ...fields }).toString(),
    });
  return {
    tv,
    pairing,
    press,
    page: () => fetch(`${BASE_URL}/pair/phone`, { headers: { Cookie: cookies } }),
  };
}

describe('the phone page’s touch remote', () => {
  it('queues ↓ and 決定 for the TV’s poll, oldest first, once; every answer no-store', async () => {
    const { tv, pairing, press } = await paired();
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
    const down = await press({ key: 'down' });
    expect([down.status, down.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(down.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await down.text()).toContain('「下」を送りました');
    await press({ key: 'ok' });
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([
      { kind: 'key', key: 'down' },
      { kind: 'key', key: 'ok' },
    ]);
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
    // A press the TV did not take within 10 s is dropped, not delivered late.
    await press({ key: 'up' });
    fixture.clock.advance(10_001);
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
  });

  it('types text into a digits-only entry as its digits, and tells the phone when nothing fitted', async () => {
    const { tv, pairing, press } = await paired();
    const noEntry = await press({ text: '1234' });
    expect(noEntry.status).toBe(422);
    expect(await noEntry.text()).toContain('入力する欄が表示されていません');
    await tv.pairing.takeRemoteInputs(pairing, 'digits');
    const typed = await press({ text: '１００-１０ abc' });
    expect(typed.status).toBe(200);
    expect(await typed.text()).toContain('数字だけ入力できるため');
    const none = await press({ text: 'やまだ' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('送った文字に数字がなかった');
    expect(await tv.pairing.takeRemoteInputs(pairing, 'digits')).toEqual([{ kind: 'text', text: '10010' }]);
  });

  it('says at once when the TV is not taking presses (no poll for 5 s), and queues nothing for later', async () => {
    const { tv, pairing, press } = await paired();
    fixture.clock.advance(5_001);
    for (const fields of [{ key: 'down' }, { text: '1234' }] as Record<string, string>[]) {
      const away = await press(fields);
      expect([away.status, away.headers.get('cache-control')]).toEqual([503, 'no-store']);
      const text = await away.text();
      expect(text).toContain('テレビに届いていません');
      expect(text).toContain('This is not reaching the TV');
    }
    // The TV is back: nothing from while it was away arrives; a new press does.
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
    expect((await press({ key: 'down' })).status).toBe(200);
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([{ kind: 'key', key: 'down' }]);
  });

  it('refuses every press while the TV shows a PIN or password screen, and drops what waited', async () => {
    const { tv, pairing, press, page } = await paired();
    await press({ key: 'down' });
    // The TV reached the PIN screen: what waited is dropped, not delivered.
    expect(await tv.pairing.takeRemoteInputs(pairing, 'secret')).toEqual([]);
    const presses: Record<string, string>[] = [{ key: 'ok' }, { key: 'up' }, { text: '1234' }];
    for (const fields of presses) {
      const refused = await press(fields);
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('暗証番号・パスワードはテレビのリモコンで入力してください');
    }
    const shown = await (await page()).text();
    expect(shown).toContain('暗証番号・パスワードはテレビのリモコンで入力してください');
    expect(shown).toContain('Please enter PINs and passwords with the TV’s remote control');
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
    await press({ key: 'left' });
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([{ kind: 'key', key: 'left' }]);
  });

  it('asks for the phone’s cookie first (401), then the page’s token (403), then a known key (400)', async () => {
    const { tv, pairing, press } = await paired();
    const noPhone = await fetch(`${BASE_URL}/pair/phone/remote`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'key=down',
    });
    expect([noPhone.status, noPhone.headers.get('cache-control')]).toEqual([401, 'no-store']);
    expect((await press({ key: 'down', csrf: 'A'.repeat(43) })).status).toBe(403);
    expect((await press({ key: 'down' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await press({ key: 'script' })).status).toBe(400);
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toEqual([]);
  });

  it('limits the text’s length (413), the pairing’s rate (429) and what may wait for the TV', async () => {
    const { tv, pairing, press } = await paired();
    await tv.pairing.takeRemoteInputs(pairing, 'digits');
    const long = await press({ text: '1'.repeat(101) });
    expect(long.status).toBe(413);
    expect(await long.text()).toContain('100文字まで');
    expect((await press({ text: '1'.repeat(100) })).status).toBe(200);
    // The refused text counted too: every press does.
    for (let i = 3; i <= PRESSES_PER_MINUTE; i++) await press({ key: 'down' });
    const limited = await press({ key: 'down' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([
      429,
      expect.stringMatching(/^\d+$/),
    ]);
    expect(await limited.text()).toContain('数秒待ってから');
    expect(await tv.pairing.takeRemoteInputs(pairing, 'none')).toHaveLength(PRESSES_PER_MINUTE - 1);
  });
});

describe('the TV’s poll', () => {
  it('asks for the session before anything else (401), then for a live pairing (404 PAIRING_NOT_FOUND)', async () => {
    const { tv, pairing } = await paired();
    const raw = await fetch(`${BASE_URL}/v1/pairing/current/remote`, {
      method: 'POST',
      headers: { 'X-Pairing-Token': pairing.token, 'X-Pairing-Box': pairing.boxId },
      body: '{"entry":"none"}',
    });
    expect([raw.status, raw.headers.get('cache-control')]).toEqual([401, 'no-store']);
    await expect(
      tv.pairing.takeRemoteInputs({ ...pairing, token: 'x'.repeat(43) }, 'none'),
    ).rejects.toBeInstanceOf(NotPairedError);
    await expect(
      tv.pairing.takeRemoteInputs({ ...pairing, boxId: 'another-box-0123456' }, 'none'),
    ).rejects.toMatchObject({ code: 'PAIRING_NOT_FOUND', status: 404 });
    await expect(tv.pairing.takeRemoteInputs(pairing, 'html' as never)).rejects.toMatchObject({
      status: 400,
    });
    await tv.pairing.unpair(pairing);
    await expect(tv.pairing.takeRemoteInputs(pairing, 'none')).rejects.toBeInstanceOf(NotPairedError);
  });
});

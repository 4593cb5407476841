/**
 * The e-post box through the SDK, and the sender API beside it: unread first with the count, a
 * read receipt only for a notice that asks for one and only once the viewer opened it, keep and
 * delete, per-sender credentials (never a viewer's token), text only, sizes bounded, no viewer
 * or sender reaching another's notice, and a full box that refuses rather than deletes.
 */
import { DEMO_HOLDERS } from '../../../pki';
import type { PlatformClient } from '../../../../src/platform/client';
import { NotFoundError } from '../../../../src/platform/errors';
import { BASE_URL, createPlatformFixture, driverCard, type PlatformFixture } from '../../test-support';
import { MAX_NOTICES_PER_VIEWER } from './notice-box';

const CITY_TOKEN = 'city-credential-0123456789abcdefghijklmnop';
const CABLE_TOKEN = 'cable-credential-0123456789abcdefghijklmno';
let fixture: PlatformFixture;
let yamada: PlatformClient;
let sato: PlatformClient;
let yamadaToken: string;

beforeAll(async () => {
  fixture = await createPlatformFixture({
    senders: [
      { id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office', token: CITY_TOKEN },
      { id: 'cable', name: '窓口町ケーブルテレビ', nameEn: 'Madoguchi Cable TV', token: CABLE_TOKEN },
    ],
  });
  const [a, b] = await Promise.all([
    fixture.pki.issueCard(DEMO_HOLDERS[0]!),
    fixture.pki.issueCard(DEMO_HOLDERS[1]!),
  ]);
  yamada = fixture.client();
  sato = fixture.client();
  yamadaToken = (await yamada.registration.register(driverCard(a), '10010001')).tokens.accessToken;
  await sato.registration.register(driverCard(b), '10010002');
});
afterAll(() => fixture.close());

let keyCounter = 0;
async function post(
  body: Record<string, unknown>,
  token = CITY_TOKEN,
  key = `key-${++keyCounter}-of-test`,
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${BASE_URL}/v1/sender/notices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

async function receipt(
  noticeId: string,
  token = CITY_TOKEN,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${BASE_URL}/v1/sender/notices/${noticeId}/receipt`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const invitation = {
  customerNumber: '10010001',
  title: '後期高齢者健康診査のご案内',
  titleEn: 'Your health checkup for people aged 75 and over',
  body: '受診券を同封しました。\n窓口町保健センターでお受けください。',
  receiptRequested: true,
  action: { kind: 'health' },
};

it('seeds realistic notices: the home count, unread first, newest first within each', async () => {
  const box = await yamada.notices.list();
  expect(box.unreadCount).toBe(box.notices.filter((n) => !n.read).length);
  expect(box.unreadCount).toBeGreaterThanOrEqual(2);
  const senders = new Set(box.notices.map((n) => n.sender.name));
  expect(senders).toEqual(new Set(['窓口町役場', '窓口町国民健康保険', '窓口町ケーブルテレビ']));
  const firstRead = box.notices.findIndex((n) => n.read);
  expect(box.notices.slice(firstRead).every((n) => n.read)).toBe(true);
  const unread = box.notices.slice(0, firstRead);
  expect(unread.map((n) => n.sentAt)).toEqual([...unread.map((n) => n.sentAt)].sort().reverse());
  expect(box.notices.find((n) => n.action?.kind === 'booking')?.action).toEqual({
    kind: 'booking',
    facilityId: 'kominkan',
  });
});

it('records the receipt only for a notice that asks, only when the viewer opens it, and tells the sender when', async () => {
  const sent = await post(invitation);
  expect(sent.status).toBe(201);
  expect(sent.headers.get('cache-control')).toBe('no-store');
  const id = sent.json.id as string;
  const silent = (await post({ ...invitation, receiptRequested: false, title: '健診の結果が届きました' }))
    .json.id as string;

  // Both unread and sent at one instant: the later posted comes first.
  expect((await yamada.notices.list()).notices.slice(0, 2)).toMatchObject([
    { id: silent, read: false, receiptRequested: false },
    { id, read: false, receiptRequested: true },
  ]);
  // Fetching it (the app's prefetch) is not opening it.
  const fetched = await yamada.notices.get(id);
  expect(fetched).toMatchObject({ body: invitation.body, read: false, action: { kind: 'health' } });
  expect((await receipt(id)).json).toEqual({ noticeId: id, receiptRequested: true });

  fixture.clock.advance(90_000);
  const opened = await yamada.notices.markRead(id);
  expect(opened.readAt).toBe(fixture.clock.now().toISOString());
  fixture.clock.advance(60_000);
  await yamada.notices.markRead(id); // opened again: the first time stays
  expect((await receipt(id)).json).toEqual({ noticeId: id, receiptRequested: true, readAt: opened.readAt });

  await yamada.notices.markRead(silent);
  expect((await receipt(silent)).json).toEqual({ noticeId: silent, receiptRequested: false });
});

it('keeps and deletes; a deleted notice still tells its sender when it was read', async () => {
  const id = (await post(invitation)).json.id as string;
  expect((await yamada.notices.keep(id, true)).kept).toBe(true);
  expect((await yamada.notices.list()).notices.find((n) => n.id === id)?.kept).toBe(true);
  await yamada.notices.markRead(id);
  await yamada.notices.delete(id);
  await yamada.notices.delete(id); // idempotent
  expect((await yamada.notices.list()).notices.some((n) => n.id === id)).toBe(false);
  await expect(yamada.notices.get(id)).rejects.toBeInstanceOf(NotFoundError);
  expect((await receipt(id)).json.readAt).toBeDefined();
});

it('lets no viewer reach another viewer’s notice, and no sender another sender’s receipt', async () => {
  const id = (await post(invitation)).json.id as string;
  for (const call of [
    sato.notices.get(id),
    sato.notices.markRead(id),
    sato.notices.keep(id, true),
    sato.notices.delete(id),
  ]) {
    await expect(call).rejects.toMatchObject({ code: 'NOTICE_NOT_FOUND', status: 404 });
  }
  expect((await yamada.notices.get(id)).read).toBe(false);
  expect(await receipt(id, CABLE_TOKEN)).toMatchObject({ status: 404, json: { code: 'NOTICE_NOT_FOUND' } });
});

it('answers 401 without a session on every notice path, before anything else', async () => {
  const paths: [string, string][] = [
    ['GET', '/v1/notices'],
    ['GET', '/v1/notices/nt_x'],
    ['DELETE', '/v1/notices/nt_x'],
    ['POST', '/v1/notices/nt_x/read'],
    ['POST', '/v1/notices/nt_x/keep'],
  ];
  for (const [method, path] of paths) {
    const response = await fetch(`${BASE_URL}${path}`, {
      method,
      body: method === 'POST' ? '{bad json' : null,
    });
    expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 401, 'no-store']);
  }
});

it('takes only a sender credential on the sender API: not a viewer token, not a wrong one', async () => {
  for (const token of [yamadaToken, 'x'.repeat(40), '']) {
    const sent = await post(invitation, token);
    expect([sent.status, sent.json.code]).toEqual([401, 'TOKEN_INVALID']);
  }
  expect((await receipt('nt_anything', yamadaToken)).status).toBe(401);
  const viewerWithCityToken = await fetch(`${BASE_URL}/v1/notices`, {
    headers: { Authorization: `Bearer ${CITY_TOKEN}` },
  });
  expect(viewerWithCityToken.status).toBe(401);
});

it.each([
  ['markup', { title: '<b>重要</b>' }, 'title'],
  ['a script in the body', { body: 'ご案内<script>alert(1)</script>' }, 'body'],
  ['a character reference', { body: '&lt;b&gt; 太字' }, 'body'],
  ['a control character', { body: 'ベルが鳴る\u0007' }, 'body'],
  ['a bidirectional override', { body: '金額は\u202E000,01\u202C円' }, 'body'],
  ['a title over 80 characters', { title: 'あ'.repeat(81) }, 'title'],
  ['a body over 4,000 characters', { body: 'い'.repeat(4001) }, 'body'],
  ['a two-line title', { title: '一行目\n二行目' }, 'title'],
  ['an unknown action', { action: { kind: 'payment' } }, 'action.kind'],
  ['an unknown field', { html: '<p>x</p>' }, 'html'],
])('refuses %s', async (_, change, field) => {
  const sent = await post({ ...invitation, ...change });
  expect(sent.status).toBe(400);
  expect(sent.json).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [{ name: field }] });
});

it('keeps line feeds and plain "<" in text, and posts once per Idempotency-Key', async () => {
  const body = { ...invitation, body: '血圧 < 130 を目標に。\r\n次回もお待ちしています。' };
  const first = await post(body, CITY_TOKEN, 'same-key-twice');
  const again = await post(body, CITY_TOKEN, 'same-key-twice');
  expect([first.status, again.status]).toEqual([201, 200]);
  expect(again.json.id).toBe(first.json.id);
  expect((await yamada.notices.get(first.json.id as string)).body).toBe(
    '血圧 < 130 を目標に。\n次回もお待ちしています。',
  );
  const reused = await post({ ...body, title: '別の件名' }, CITY_TOKEN, 'same-key-twice');
  expect([reused.status, reused.json.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  const missing = await post({ ...invitation, customerNumber: '99999999' });
  expect([missing.status, missing.json.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
});

it('refuses a post to a full box with NOTICE_BOX_FULL, tells the viewer once, and never deletes a notice to make room', async () => {
  const { store } = fixture.simulator;
  const mine = () => store.list<{ id: string; title: string }>('notices', '10010002');
  const already = (
    await post({ ...invitation, customerNumber: '10010002' }, CITY_TOKEN, 'posted-before-full')
  ).json.id as string;
  store.transaction(() => {
    for (let i = mine().length; i < MAX_NOTICES_PER_VIEWER; i++) {
      const id = `nt_filler${i}`;
      const sentAt = new Date(fixture.clock.time - i * 60_000).toISOString();
      const filler = { id, customerNumber: '10010002', senderId: 'city', sentAt, readAt: sentAt };
      store.put(
        'notices',
        id,
        { ...filler, title: `お知らせ${i}`, body: '本文', receiptRequested: false, kept: false },
        '10010002',
      );
    }
  });
  const before = mine().map((n) => n.id);
  expect(before).toHaveLength(MAX_NOTICES_PER_VIEWER);

  const refused = await post({ ...invitation, customerNumber: '10010002', title: '満杯の箱へ' });
  expect([refused.status, refused.json.code]).toEqual([409, 'NOTICE_BOX_FULL']);
  expect(refused.json.detail).toContain('not delivered');
  // Nothing lost, the refused one not added; the viewer is told, once, first in the box.
  const [warning, ...rest] = (await sato.notices.list()).notices;
  expect(rest.map((n) => n.id).sort()).toEqual([...before].sort());
  expect(warning).toMatchObject({ sender: { id: 'platform' }, read: false });
  expect((await sato.notices.get(warning!.id)).body).toContain('窓口町役場からのお知らせを');
  expect((await post({ ...invitation, customerNumber: '10010002' })).status).toBe(409);
  expect(mine()).toHaveLength(MAX_NOTICES_PER_VIEWER + 1); // no second warning while one is unread
  // A retry of a notice that did arrive still answers with it.
  const retried = await post({ ...invitation, customerNumber: '10010002' }, CITY_TOKEN, 'posted-before-full');
  expect([retried.status, retried.json.id]).toEqual([200, already]);

  // The viewer reads the warning and deletes two: the box takes the next post.
  await sato.notices.markRead(warning!.id);
  await sato.notices.delete(warning!.id);
  await sato.notices.delete(already);
  const accepted = await post({ ...invitation, customerNumber: '10010002', title: '満杯の箱へ' });
  expect(accepted.status).toBe(201);
  expect(mine()).toHaveLength(MAX_NOTICES_PER_VIEWER);
});

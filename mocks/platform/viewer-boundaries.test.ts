/**
 * Walks every notices and address-changes operation the API document declares, over HTTP: each
 * answers 401 without a session before it looks at anything else (a bad body, a missing
 * Idempotency-Key, a real id of someone's), every answer is no-store, and another viewer's session
 * reaches neither the notice nor the request — nothing about them changes. The sender API answers
 * 401 without a sender's credential. A path added to the document is walked without editing this.
 */
import path from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import { DEMO_HOLDERS } from '../pki';
import { BASE_URL, createPlatformFixture, driverCard, type PlatformFixture } from './test-support';

const CITY_TOKEN = 'city-credential-0123456789abcdefghijklmnop';
const DOCUMENT = path.resolve(__dirname, '../../api/platform.openapi.yaml');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: string;
  template: string;
  tags: string[];
}

async function operations(): Promise<Operation[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const { bundle: document } = await bundle({ ref: DOCUMENT, config });
  const paths = (document.parsed as { paths: Record<string, Record<string, { tags?: string[] }>> }).paths;
  return Object.entries(paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      template,
      tags: item[method]!.tags ?? [],
    })),
  );
}

let fixture: PlatformFixture;
let all: Operation[];
let yamadaToken: string;
let satoToken: string;
let noticeId: string;
let requestId: string;

beforeAll(async () => {
  fixture = await createPlatformFixture({
    senders: [{ id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office', token: CITY_TOKEN }],
  });
  all = await operations();
  const [yamadaCard, satoCard] = await Promise.all([
    fixture.pki.issueCard(DEMO_HOLDERS[0]!),
    fixture.pki.issueCard(DEMO_HOLDERS[1]!),
  ]);
  const yamada = fixture.client();
  yamadaToken = (await yamada.registration.register(driverCard(yamadaCard), '10010001')).tokens.accessToken;
  satoToken = (await fixture.client().registration.register(driverCard(satoCard), '10010002')).tokens
    .accessToken;
  const posted = await fetch(`${BASE_URL}/v1/sender/notices`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${CITY_TOKEN}`, 'Idempotency-Key': 'boundaries-notice-1' },
    body: JSON.stringify({
      customerNumber: '10010001',
      title: '住民税の通知書',
      body: '山田様あての通知です。',
      receiptRequested: true,
    }),
  });
  noticeId = ((await posted.json()) as { id: string }).id;
  requestId = (
    await yamada.addressChanges.create(driverCard(yamadaCard), {
      newAddress: '東京都千代田区窓口町四丁目8番1号',
      services: ['cable'],
    })
  ).id;
});
afterAll(() => fixture.close());

const urlOf = (template: string): string =>
  BASE_URL + template.replace('{noticeId}', noticeId).replace('{requestId}', requestId);

const viewerOperations = () =>
  all.filter((op) => op.tags.includes('notices') || op.tags.includes('address-changes'));

function call(
  op: Operation,
  headers: Record<string, string | undefined>,
  body: string | null,
): Promise<Response> {
  return fetch(urlOf(op.template), {
    method: op.method,
    headers: Object.fromEntries(
      Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    body: op.method === 'GET' || op.method === 'DELETE' ? null : body,
  });
}

it('walks every notices and address-changes operation of the document', () => {
  const walked = viewerOperations().map((op) => `${op.method} ${op.template}`);
  expect(walked).toEqual(
    expect.arrayContaining([
      'GET /v1/notices',
      'GET /v1/notices/{noticeId}',
      'DELETE /v1/notices/{noticeId}',
      'POST /v1/notices/{noticeId}/read',
      'POST /v1/notices/{noticeId}/keep',
      'POST /v1/address-changes/basic-information',
      'POST /v1/address-changes/challenges',
      'GET /v1/address-changes/services',
      'GET /v1/address-changes',
      'POST /v1/address-changes',
      'GET /v1/address-changes/{requestId}',
    ]),
  );
});

it('answers 401 without a session on every one, before the body, the key or the id, and no-store', async () => {
  const results = [];
  for (const op of viewerOperations()) {
    for (const headers of [
      {},
      { Authorization: 'Bearer not-a-session' },
      { Authorization: `Bearer ${CITY_TOKEN}` },
    ]) {
      const response = await call(op, headers, '{not json');
      const problem = (await response.json()) as { code?: string };
      results.push([
        op.method,
        op.template,
        response.status,
        problem.code,
        response.headers.get('cache-control'),
      ]);
    }
  }
  expect(results).toEqual(
    results.map(([method, template]) => [method, template, 401, 'TOKEN_INVALID', 'no-store']),
  );
});

it('answers 401 on every sender path without a sender credential, also with a viewer session', async () => {
  const senderOps = all.filter((op) => op.tags.includes('senders'));
  expect(senderOps.length).toBeGreaterThanOrEqual(2);
  for (const op of senderOps) {
    for (const headers of [{}, { Authorization: `Bearer ${yamadaToken}` }]) {
      const response = await call(op, headers, '{not json');
      expect([op.template, response.status, response.headers.get('cache-control')]).toEqual([
        op.template,
        401,
        'no-store',
      ]);
    }
  }
});

it('lets another viewer reach neither the notice nor the request on any operation; nothing changes', async () => {
  const owner = { Authorization: `Bearer ${yamadaToken}` };
  const other = { Authorization: `Bearer ${satoToken}`, 'Content-Type': 'application/json' };
  const before = {
    notice: await (await fetch(urlOf('/v1/notices/{noticeId}'), { headers: owner })).json(),
    request: await (await fetch(urlOf('/v1/address-changes/{requestId}'), { headers: owner })).json(),
  };
  const byId = viewerOperations().filter((op) => /\{(noticeId|requestId)\}/.test(op.template));
  expect(byId.length).toBeGreaterThanOrEqual(5);
  for (const op of byId) {
    const body = op.template.endsWith('/keep') ? JSON.stringify({ kept: true }) : '{}';
    const response = await call(op, other, body);
    const problem = (await response.json()) as { code?: string };
    const notFound = op.template.includes('{noticeId}') ? 'NOTICE_NOT_FOUND' : 'ADDRESS_CHANGE_NOT_FOUND';
    expect([
      op.method,
      op.template,
      response.status,
      problem.code,
      response.headers.get('cache-control'),
    ]).toEqual([op.method, op.template, 404, notFound, 'no-store']);
  }
  // The lists of the other viewer do not show them either.
  const notices = (await (await fetch(`${BASE_URL}/v1/notices`, { headers: other })).json()) as {
    notices: { id: string }[];
  };
  expect(notices.notices.map((n) => n.id)).not.toContain(noticeId);
  const requests = (await (await fetch(`${BASE_URL}/v1/address-changes`, { headers: other })).json()) as {
    addressChanges: { id: string }[];
  };
  expect(requests.addressChanges.map((r) => r.id)).not.toContain(requestId);
  // The owner's notice is still there, unread, not kept, and its sender has no receipt time.
  const after = await (await fetch(urlOf('/v1/notices/{noticeId}'), { headers: owner })).json();
  expect(after).toEqual(before.notice);
  expect(after).toMatchObject({ read: false, kept: false });
  const receipt = await fetch(`${BASE_URL}/v1/sender/notices/${noticeId}/receipt`, {
    headers: { Authorization: `Bearer ${CITY_TOKEN}` },
  });
  expect(await receipt.json()).toEqual({ noticeId, receiptRequested: true });
  const request = await (await fetch(urlOf('/v1/address-changes/{requestId}'), { headers: owner })).json();
  expect((request as { id: string }).id).toBe((before.request as { id: string }).id);
});

it('answers the owner’s own reads with no-store', async () => {
  const owner = { Authorization: `Bearer ${yamadaToken}` };
  for (const op of viewerOperations().filter((o) => o.method === 'GET')) {
    const response = await call(op, owner, null);
    expect([op.template, response.status, response.headers.get('cache-control')]).toEqual([
      op.template,
      200,
      'no-store',
    ]);
  }
});

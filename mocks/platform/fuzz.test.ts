/**
 * Every client mistake is a 4xx problem+json: every endpoint over real HTTP gets bodies of the
 * wrong types and sizes, odd Unicode, broken JSON and DER garbage (random bytes and a real
 * certificate with bytes flipped, under fresh challenges so the certificate is really parsed),
 * plus odd path segments, queries and headers. A 500 would be a bug of ours; none may appear.
 * Seeded, so a failure repeats.
 */
import { DEMO_HOLDERS, type CardCredentials } from '../pki';
import { challengeBytes, createPlatformFixture, signRaw, type PlatformFixture } from './test-support';
import { startPlatformServer, type RunningPlatformServer } from './server';
import { SENDER_NOTICE_FIELDS } from './simulator/notices/notice-box';

let fixture: PlatformFixture;
let server: RunningPlatformServer;
let card: CardCredentials;
let token: string;
const errors: unknown[] = [];
const SENDER_TOKEN = 'fuzz-sender-credential-0123456789abcdef';

beforeAll(async () => {
  fixture = await createPlatformFixture({
    senders: [{ id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office', token: SENDER_TOKEN }],
  });
  fixture.server.close(); // real HTTP only: msw must not intercept this file's fetch calls
  card = await fixture.pki.issueCard(DEMO_HOLDERS[0]!);
  server = await startPlatformServer({ simulator: fixture.simulator, onError: (e) => errors.push(e) });
  token = (await fixture.simulator.register(await registrationBody())).tokens.accessToken;
});
afterAll(async () => {
  await server.close();
  fixture.close();
});

async function registrationBody(): Promise<Record<string, unknown>> {
  const { challenge } = fixture.simulator.createChallenge({ purpose: 'registration' });
  const message = challengeBytes(challenge);
  return {
    challenge,
    customerNumber: '10010001',
    authCertificate: Buffer.from(card.authCertificate).toString('base64'),
    authSignature: Buffer.from(await signRaw(card.authPrivateKeyPkcs8, message)).toString('base64'),
    signCertificate: Buffer.from(card.signCertificate).toString('base64'),
    signSignature: Buffer.from(await signRaw(card.signPrivateKeyPkcs8, message)).toString('base64'),
  };
}

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261205);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const bytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(random() * 256));

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '🙂'.repeat(50),
  '\u202e10010001',
  '１００１０００１',
  'ｱｲｳ',
  '%00',
  '../../etc/passwd',
  '<script>',
  'A'.repeat(43),
  'x'.repeat(100_000),
  '2026-02-30',
  '9999-99-99',
  '-1',
  '1e309',
];

function garbageDer(): string {
  const choice = random();
  if (choice < 0.3) return Buffer.from(bytes(1 + Math.floor(random() * 3000))).toString('base64');
  const der = Buffer.from(card.authCertificate);
  for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
    der[Math.floor(random() * der.length)] = Math.floor(random() * 256);
  }
  if (choice < 0.8) return der.toString('base64');
  return der.subarray(0, Math.floor(random() * der.length)).toString('base64');
}

function oddValue(depth = 0): unknown {
  const choices: (() => unknown)[] = [
    () => pick(ODD_STRINGS),
    () => Math.floor(random() * 1e12) - 5e11,
    () => random(),
    () => random() < 0.5,
    () => null,
    () => garbageDer(),
    () => (depth < 2 ? [oddValue(depth + 1), oddValue(depth + 1)] : []),
    () => (depth < 2 ? { [pick(ODD_STRINGS).slice(0, 20)]: oddValue(depth + 1) } : {}),
  ];
  return pick(choices)();
}

const FIELDS: Record<string, readonly string[]> = {
  '/v1/auth/challenges': ['purpose'],
  '/v1/auth/login': ['challenge', 'authCertificate', 'signature'],
  '/v1/auth/refresh': ['refreshToken'],
  '/v1/registrations': [
    'challenge',
    'customerNumber',
    'authCertificate',
    'authSignature',
    'signCertificate',
    'signSignature',
  ],
  '/v1/bookings': ['facilityId', 'roomId', 'date', 'slot'],
  '/v1/sender/notices': SENDER_NOTICE_FIELDS,
  '/v1/notices/nt_x/keep': ['kept'],
  '/v1/notices/nt_x/read': [],
  '/v1/address-changes/basic-information': ['consent'],
  '/v1/address-changes/challenges': [],
  '/v1/address-changes': ['challenge', 'newAddress', 'services', 'signCertificate', 'signature'],
  '/v1/pairing/device-authorizations': ['client_id', 'box_id', 'box_name', 'scope'],
  '/v1/pairing/token': ['grant_type', 'device_code', 'client_id'],
};

/** A well-formed start of the device flow, so polls reach past the client check. */
const PAIRING_BOX = { client_id: 'madoguchi-cable-tokyo', box_id: 'fuzz-box-0123456789', box_name: 'TV' };
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** A form-encoded body of odd values (what RFC 8628 clients send), some fields twice. */
function formBody(fields: readonly string[], base: Record<string, string>): string {
  const form = new URLSearchParams(base);
  for (const field of fields) {
    if (random() < 0.5) form.set(field, String(pick(ODD_STRINGS)));
    if (random() < 0.1) form.append(field, 'again');
  }
  return form.toString();
}

async function body(route: string): Promise<string> {
  const kind = random();
  if (kind < 0.1) return pick(['{', 'null', '[]', '"x"', '1', '{"a":', '\u0000', '{}']);
  const value: Record<string, unknown> =
    route === '/v1/registrations' && kind < 0.5 ? await registrationBody() : {};
  if (route === '/v1/pairing/device-authorizations' && kind < 0.5) Object.assign(value, PAIRING_BOX);
  if (route === '/v1/pairing/token' && kind < 0.5) {
    const started = fixture.simulator.pairing.start(PAIRING_BOX, 'http://platform.test/pair');
    Object.assign(value, {
      grant_type: DEVICE_GRANT,
      client_id: PAIRING_BOX.client_id,
      device_code: started.device_code,
    });
  }
  if (route === '/v1/auth/login' && kind < 0.5) {
    value.challenge = fixture.simulator.createChallenge({ purpose: 'login' }).challenge;
    value.authCertificate = Buffer.from(card.authCertificate).toString('base64');
    value.signature = Buffer.from(bytes(256)).toString('base64');
  }
  for (const field of FIELDS[route] ?? []) {
    if (random() < 0.5) value[field] = field.endsWith('Certificate') ? garbageDer() : oddValue();
  }
  if (random() < 0.2) value[pick(ODD_STRINGS).slice(0, 10)] = oddValue();
  return JSON.stringify(value);
}

function segment(): string {
  const text = pick([...ODD_STRINGS.slice(0, 12), 'fac-001', '3D046']);
  // A lone surrogate has no UTF-8: send the invalid percent-encoding a client could send instead.
  return /[\ud800-\udfff]/.test(text) ? '%ED%A0%80' : encodeURIComponent(text);
}

const REQUESTS: (() => Promise<[string, string, RequestInit]>)[] = [
  ...Object.keys(FIELDS).map((route) => async (): Promise<[string, string, RequestInit]> => [
    'POST',
    route,
    { body: await body(route), headers: { 'Idempotency-Key': pick(['k'.repeat(8), '', 'ü'.repeat(200)]) } },
  ]),
  async () => ['POST', '/v1/auth/logout', {}],
  async () => ['GET', '/v1/me', {}],
  async () => ['GET', `/v1/health/checkups?from=${segment()}&to=${segment()}`, {}],
  async () => ['GET', `/v1/health/checkups/${segment()}`, {}],
  async () => ['GET', `/v1/health/trends/${segment()}`, {}],
  async () => ['GET', `/v1/health/medications?from=${segment()}`, {}],
  async () => ['GET', '/v1/facilities', {}],
  async () => ['GET', `/v1/facilities/${segment()}`, {}],
  async () => [
    'GET',
    `/v1/facilities/${segment()}/availability?from=${segment()}&to=${segment()}&roomId=${segment()}`,
    {},
  ],
  async () => ['GET', '/v1/bookings', {}],
  async () => ['GET', `/v1/bookings/${segment()}`, {}],
  async () => ['DELETE', `/v1/bookings/${segment()}`, {}],
  async () => ['GET', '/v1/notices', {}],
  async () => ['GET', `/v1/notices/${segment()}`, {}],
  async () => ['DELETE', `/v1/notices/${segment()}`, {}],
  async () => ['POST', `/v1/notices/${segment()}/read`, {}],
  async () => ['GET', `/v1/sender/notices/${segment()}/receipt`, {}],
  async () => ['GET', '/v1/address-changes/services', {}],
  async () => ['GET', '/v1/address-changes', {}],
  async () => ['GET', `/v1/address-changes/${segment()}`, {}],
  // The device flow, form-encoded as RFC 8628 has it, and the phone page.
  async () => [
    'POST',
    '/v1/pairing/device-authorizations',
    {
      body: formBody(['client_id', 'box_id', 'box_name', 'scope'], random() < 0.5 ? PAIRING_BOX : {}),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
  ],
  async () => [
    'POST',
    '/v1/pairing/token',
    {
      body: formBody(['grant_type', 'device_code', 'client_id'], { grant_type: DEVICE_GRANT }),
      headers: { 'Content-Type': pick(['application/x-www-form-urlencoded', 'text/plain', '']) },
    },
  ],
  async () => ['GET', `/pair?code=${segment()}`, {}],
  async () => [
    'GET',
    `/pair?code=${encodeURIComponent(fixture.simulator.pairing.start(PAIRING_BOX, 'x').user_code)}`,
    {},
  ],
  async () => [
    'POST',
    '/pair',
    {
      body: formBody(['code', 'csrf', 'decision'], {}),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `pairing_csrf=${segment()}` },
    },
  ],
];

/**
 * A 4xx is problem+json, except where a standard says otherwise: RFC 6749 §5.2 errors (JSON with
 * `error`) from the device flow's endpoints, and the phone page's HTML.
 */
function isClientErrorAnswer(route: string, type: string | null, text: string): boolean {
  if (type === 'application/problem+json') return true;
  if (route.startsWith('/pair')) return type === 'text/html; charset=utf-8';
  if (route.startsWith('/v1/pairing/') && type === 'application/json') {
    return typeof (JSON.parse(text) as { error?: unknown }).error === 'string';
  }
  return false;
}

it('answers every malformed request with a 4xx problem+json, never a 5xx', async () => {
  const failures: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const [method, route, init] = await pick(REQUESTS)();
    const authorization = pick([
      `Bearer ${token}`,
      `Bearer ${token}`,
      `Bearer ${SENDER_TOKEN}`,
      'Bearer ',
      'Basic x',
      `Bearer ${'ü'}`,
    ]);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...(init.headers as object),
    };
    if (!/[^\x20-\x7e]/.test(authorization)) headers.Authorization = authorization;
    for (const [name, value] of Object.entries(headers)) if (/[^\x20-\xff]/.test(value)) delete headers[name];
    const response = await fetch(`${server.url}${route}`, { ...init, method, headers });
    const text = await response.text();
    const ok =
      response.status < 400 ||
      (response.status < 500 && isClientErrorAnswer(route, response.headers.get('content-type'), text));
    if (!ok || response.headers.get('cache-control') !== 'no-store') {
      failures.push(`${method} ${route.slice(0, 80)} → ${response.status} ${text.slice(0, 200)}`);
    }
  }
  expect(errors).toEqual([]);
  expect(failures).toEqual([]);
}, 120_000);

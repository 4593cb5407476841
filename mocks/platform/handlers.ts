/**
 * msw handlers over the PlatformSimulator: the same list serves jest (msw/node), the browser demo
 * (msw/browser) and real HTTP (server.ts). They translate HTTP ⇄ simulator calls, count each call
 * against the per-client limit of its kind (and authenticated calls per certificate), and mark
 * every reply `Cache-Control: no-store` (tokens, personal and health data must stay out of caches)
 * and `Date` from the simulator's clock.
 * Routes under /__simulator/ are the simulator's own (reset, status), not part of the API: they
 * exist only with `simulatorControls`, and answer only to its token (SIMULATOR_TOKEN_HEADER).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { dateRangeOf } from './simulator/health';
import type { PlatformSimulator } from './simulator/simulator';
import type { LimitedAction } from './simulator/limits';
import { ProblemError, type Problem, type ProblemHeaders } from './simulator/problem';
import type { Session } from './simulator/sessions';
import type { Sender } from '../../src/platform/types';
import { createPairingHandlers } from './pairing-handlers';
import type { PhoneLogin } from './simulator/pairing/phone-login';
import { limitedJson } from './simulator/pairing/phone-items';

/**
 * The caller's address as the HTTP server saw it (server.ts sets it, dropping any the client sent).
 * Without it (msw in tests, the browser demo) every caller is one client.
 */
export const CLIENT_ADDRESS_HEADER = 'x-madoguchi-client-address';

const NO_STORE = { 'Cache-Control': 'no-store' } as const;
/** Access-token refusals (RFC 6750 `invalid_token`): the client must refresh or log in again. */
const BEARER_REFUSALS = new Set<string>([
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'SESSION_CERTIFICATE_EXPIRED',
  'SESSION_CERTIFICATE_REVOKED',
  'REFRESH_TOKEN_REUSED',
]);

/** The simulator controls' token header (the access tokens' Authorization header stays theirs). */
const SIMULATOR_TOKEN_HEADER = 'x-simulator-token';

export interface PlatformHandlerOptions {
  /** The /__simulator/ routes, answering only to this token; absent: no such routes (404). */
  simulatorControls?: { token: string };
  /** Origin (and path prefix) the handlers answer for; default any origin (`*`). */
  baseUrl?: string;
  /** Where phones reach the platform, for the pairing page's address (default: baseUrl, else the request's origin). */
  publicUrl?: string;
  /** Called with unexpected errors (bugs), which become 500 PLATFORM_UNAVAILABLE. */
  onError?: (error: unknown) => void;
  /** The readerless login through デジタル認証アプリ (absent: the phone page does not offer it). */
  phoneLogin?: () => PhoneLogin | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
}

type Params = Record<string, string | readonly string[] | undefined>;

interface RouteContext {
  request: Request;
  params: Params;
  url: URL;
  body: () => Promise<Record<string, unknown>>;
  session: () => Session;
}

export function problemResponse(problem: Problem, extra: ProblemHeaders = {}): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json', ...NO_STORE };
  if (BEARER_REFUSALS.has(problem.code)) {
    headers['WWW-Authenticate'] = `Bearer error="invalid_token", error_description="${problem.code}"`;
  }
  if (extra.retryAfterSeconds !== undefined) headers['Retry-After'] = String(extra.retryAfterSeconds);
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/** The problem+json reply of an error (a 500 only for what is not a ProblemError: a bug of ours). */
export function errorResponse(error: unknown, onError?: (error: unknown) => void): Response {
  if (error instanceof ProblemError) return problemResponse(error.problem, error.headers);
  onError?.(error);
  return problemResponse(new ProblemError(500, 'PLATFORM_UNAVAILABLE', 'internal error').problem);
}

interface RouteOptions {
  /** Which per-client limit the call counts against (default `api`). */
  action?: LimitedAction;
  /** Needs the bearer token: authenticated first, then counted per certificate too. */
  authenticated?: boolean;
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ProblemError(400, 'VALIDATION_FAILED', 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError(400, 'VALIDATION_FAILED', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

const param = (params: Params, name: string): string => String(params[name] ?? '');

async function digestOf(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * The control token, compared in constant time: both sides are hashed to 32 bytes first, so
 * neither the length nor the first differing byte shows in the time taken.
 */
async function checkControlToken(request: Request, token: string): Promise<void> {
  const given = request.headers.get(SIMULATOR_TOKEN_HEADER);
  if (given === null || given === '') {
    throw new ProblemError(
      401,
      'TOKEN_INVALID',
      `simulator controls need the ${SIMULATOR_TOKEN_HEADER} header`,
    );
  }
  const [a, b] = await Promise.all([digestOf(given), digestOf(token)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  if (difference !== 0) throw new ProblemError(403, 'TOKEN_INVALID', 'not the simulator control token');
}

export function createPlatformHandlers(
  simulator: PlatformSimulator,
  options: PlatformHandlerOptions = {},
): HttpHandler[] {
  const base = (options.baseUrl ?? '*').replace(/\/+$/, '');
  const route =
    (handler: (context: RouteContext) => Promise<Reply> | Reply, routeOptions: RouteOptions = {}) =>
    async ({ request, params }: { request: Request; params: Params }): Promise<Response> => {
      try {
        const client = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'local';
        await simulator.limits.take('client', routeOptions.action ?? 'api', client);
        let session: Session | undefined;
        if (routeOptions.authenticated) {
          session = simulator.session(request.headers.get('authorization'));
          await simulator.limits.take('certificate', 'api', session.certificateId);
        }
        const reply = await handler({
          request,
          params,
          url: new URL(request.url),
          body: () => jsonBody(request),
          session: () => session ?? simulator.session(request.headers.get('authorization')),
        });
        const headers = { ...NO_STORE, Date: simulator.now().toUTCString() };
        return reply.body === undefined
          ? new HttpResponse(null, { status: reply.status, headers })
          : HttpResponse.json(reply.body as Record<string, unknown>, { status: reply.status, headers });
      } catch (error) {
        const response = errorResponse(error, options.onError);
        // The platform's own time on every answer: the app judges token expiry by it.
        response.headers.set('Date', simulator.now().toUTCString());
        return response;
      }
    };
  const authed = (handler: (context: RouteContext) => Promise<Reply> | Reply) =>
    route(handler, { authenticated: true });

  const desk = simulator.bookingDesk;
  const notices = simulator.noticeBox;
  const addressChanges = simulator.addressChangeDesk;
  const health = simulator.healthRecords;
  const controls = options.simulatorControls;
  const control = (handler: () => Reply) =>
    route(async ({ request }) => {
      await checkControlToken(request, controls!.token);
      return handler();
    });
  /** A POST of the sign-in flow: its JSON body in; `status` and what `answer` makes of the body out. */
  const postJson = (
    path: string,
    status: number,
    action: LimitedAction,
    answer: (body: Record<string, unknown>) => unknown,
  ) =>
    http.post(
      `${base}${path}`,
      route(async ({ body }) => ({ status, body: await answer(await body()) }), { action }),
    );
  /** A signed-in viewer's request: the session checked before anything else, then 200 with `answer`'s body. */
  const signedIn = (
    method: 'get' | 'delete',
    path: string,
    answer: (session: Session, context: RouteContext) => unknown,
  ) =>
    http[method](
      `${base}${path}`,
      authed((context) => ({ status: 200, body: answer(context.session(), context) })),
    );
  /** A signed-in viewer's POST: its JSON body (empty when it has none) in, `status` and the answer out. */
  const signedInPost = (
    path: string,
    answer: (session: Session, context: RouteContext & { json: Record<string, unknown> }) => unknown,
    status = 200,
  ) =>
    http.post(
      `${base}${path}`,
      authed(async (context) => {
        const session = context.session();
        const hasBody =
          context.request.headers.get('content-length') !== '0' && context.request.body !== null;
        const json = hasBody ? await context.body() : {};
        return { status, body: await answer(session, { ...context, json }) };
      }),
    );
  /** A sender's request: its credential checked before anything else, then counted per sender. */
  const senderRoute = (handler: (sender: Sender, context: RouteContext) => Promise<Reply> | Reply) =>
    route(async (context) => {
      const sender = await simulator.sender(context.request.headers.get('authorization'));
      await simulator.limits.take('certificate', 'api', `sender:${sender.id}`);
      return handler(sender, context);
    });
  /** The pairing the TV's token and box name, for this viewer (404 PAIRING_NOT_FOUND otherwise). */
  const currentPairing = (request: Request, userId: string) =>
    simulator.pairing.pairings.forViewer(
      request.headers.get('x-pairing-token'),
      request.headers.get('x-pairing-box'),
      userId,
    );
  const api = [
    postJson('/v1/auth/challenges', 201, 'challenge', (body) => simulator.createChallenge(body)),
    postJson('/v1/auth/login', 200, 'login', (body) => simulator.login(body)),
    postJson('/v1/auth/refresh', 200, 'refresh', (body) => simulator.refresh(body)),
    http.post(
      `${base}/v1/auth/logout`,
      route(({ request }) => {
        simulator.logout(request.headers.get('authorization'));
        return { status: 204 };
      }),
    ),
    postJson('/v1/registrations', 201, 'registration', (body) => simulator.register(body)),
    signedIn('get', '/v1/me', (session) => simulator.profile(session)),
    http.put(
      `${base}/v1/me/preferences`,
      authed(async ({ session, body }) => ({
        status: 200,
        body: simulator.preferences.replace(session().userId, await body()),
      })),
    ),
    signedIn('get', '/v1/health/checkups', ({ customerNumber }, { url }) =>
      health.list(customerNumber, dateRangeOf(url.searchParams)),
    ),
    signedIn('get', '/v1/health/checkups/:checkupId', ({ customerNumber }, { params }) =>
      health.one(customerNumber, param(params, 'checkupId')),
    ),
    signedIn('get', '/v1/health/trends/:itemCode', ({ customerNumber }, { params }) =>
      health.trend(customerNumber, param(params, 'itemCode')),
    ),
    signedIn('get', '/v1/health/medications', ({ customerNumber }, { url }) =>
      health.medicationList(customerNumber, dateRangeOf(url.searchParams)),
    ),
    signedIn('get', '/v1/facilities', () => desk.list()),
    signedIn('get', '/v1/facilities/:facilityId', (_, { params }) =>
      desk.facility(param(params, 'facilityId')),
    ),
    signedIn('get', '/v1/facilities/:facilityId/availability', (_, { params, url }) =>
      desk.availability(param(params, 'facilityId'), url.searchParams),
    ),
    signedIn('get', '/v1/bookings', ({ customerNumber }) => desk.mine(customerNumber)),
    http.post(
      `${base}/v1/bookings`,
      authed(async ({ session, request, body }) => {
        const { customerNumber } = session();
        const key = request.headers.get('idempotency-key');
        const result = desk.create(customerNumber, key, await body());
        return { status: result.created ? 201 : 200, body: result.booking };
      }),
    ),
    signedIn('get', '/v1/bookings/:bookingId', ({ customerNumber }, { params }) =>
      desk.get(customerNumber, param(params, 'bookingId')),
    ),
    signedIn('delete', '/v1/bookings/:bookingId', ({ customerNumber }, { params }) =>
      desk.cancel(customerNumber, param(params, 'bookingId')),
    ),
    // The e-post box (電子私書箱).
    signedIn('get', '/v1/notices', ({ customerNumber }) => notices.list(customerNumber)),
    signedIn('get', '/v1/notices/:noticeId', ({ customerNumber }, { params }) =>
      notices.get(customerNumber, param(params, 'noticeId')),
    ),
    http.delete(
      `${base}/v1/notices/:noticeId`,
      authed(({ session, params }) => {
        notices.remove(session().customerNumber, param(params, 'noticeId'));
        return { status: 204 };
      }),
    ),
    signedInPost('/v1/notices/:noticeId/read', ({ customerNumber }, { params }) =>
      notices.markRead(customerNumber, param(params, 'noticeId')),
    ),
    signedInPost('/v1/notices/:noticeId/keep', ({ customerNumber }, { params, json }) =>
      notices.keep(customerNumber, param(params, 'noticeId'), json),
    ),
    http.post(
      `${base}/v1/sender/notices`,
      senderRoute(async (sender, { request, body }) => {
        const result = notices.post(sender, request.headers.get('idempotency-key'), await body());
        return { status: result.created ? 201 : 200, body: result.notice };
      }),
    ),
    http.get(
      `${base}/v1/sender/notices/:noticeId/receipt`,
      senderRoute((sender, { params }) => ({
        status: 200,
        body: notices.receipt(sender, param(params, 'noticeId')),
      })),
    ),
    // The one-stop address change.
    signedInPost('/v1/address-changes/challenges', (session) => addressChanges.challenge(session), 201),
    signedInPost('/v1/address-changes/basic-information', (session, { json }) =>
      addressChanges.basicInformation(session, json),
    ),
    signedIn('get', '/v1/address-changes/services', (session) => addressChanges.services(session)),
    signedIn('get', '/v1/address-changes', (session) => addressChanges.list(session)),
    http.post(
      `${base}/v1/address-changes`,
      authed(async ({ session, request, body }) => {
        const viewer = session();
        const key = request.headers.get('idempotency-key');
        const result = await addressChanges.create(viewer, key, await body());
        return { status: result.created ? 201 : 200, body: result.request };
      }),
    ),
    signedIn('get', '/v1/address-changes/:requestId', (session, { params }) =>
      addressChanges.get(session, param(params, 'requestId')),
    ),
    // What the TV sends to the phone paired now, and 解除 from the TV: the viewer's session first.
    http.post(
      `${base}/v1/pairing/current/items`,
      authed(async ({ session, request }) => {
        const { userId } = session();
        const pairing = await currentPairing(request, userId);
        return {
          status: 201,
          body: simulator.pairing.items.send(pairing, userId, await limitedJson(request)),
        };
      }),
    ),
    // The phone's touch remote: the TV's short poll says what its screen takes, takes what waits.
    http.post(
      `${base}/v1/pairing/current/remote`,
      authed(async ({ session, request }) => {
        const pairing = await currentPairing(request, session().userId);
        const { entry } = await limitedJson(request);
        return { status: 200, body: { inputs: simulator.pairing.remote.take(pairing, entry) } };
      }),
    ),
    http.delete(
      `${base}/v1/pairing/current`,
      authed(async ({ session, request }) => {
        simulator.pairing.pairings.unpair(await currentPairing(request, session().userId));
        return { status: 204 };
      }),
    ),
    // Pairing a TV with a phone (RFC 8628): the TV's endpoints and the phone page.
    ...createPairingHandlers(simulator, {
      base,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(options.phoneLogin ? { phoneLogin: options.phoneLogin } : {}),
      clientOf: (request) => request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'local',
      errorResponse: (error) => {
        const response = errorResponse(error, options.onError);
        response.headers.set('Date', simulator.now().toUTCString());
        return response;
      },
    }),
  ];
  if (!controls) return api;
  if (controls.token.length < 16) throw new Error('the simulator control token needs 16 characters or more');
  return [
    ...api,
    http.post(
      `${base}/__simulator/reset`,
      control(() => {
        simulator.reset();
        return { status: 204 };
      }),
    ),
    http.get(
      `${base}/__simulator/status`,
      control(() => ({
        status: 200,
        body: {
          trustAnchors: simulator.trustAnchorCount,
          links: simulator.linkCount,
          sessions: simulator.sessionCount,
        },
      })),
    ),
  ];
}

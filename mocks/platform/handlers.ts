/**
 * msw handlers over the PlatformSimulator: the same list serves jest (msw/node), the browser demo
 * (msw/browser) and real HTTP (server.ts). They only translate HTTP ⇄ simulator calls.
 * Routes under /__simulator/ are the simulator's own (reset, status), not part of the API.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { dateRangeOf } from './simulator/health';
import type { PlatformSimulator } from './simulator/simulator';
import { ProblemError, type Problem } from './simulator/problem';
import type { Session } from './simulator/sessions';

export interface PlatformHandlerOptions {
  /** Origin (and path prefix) the handlers answer for; default any origin (`*`). */
  baseUrl?: string;
  /** Called with unexpected errors (bugs), which become 500 PLATFORM_UNAVAILABLE. */
  onError?: (error: unknown) => void;
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

export function problemResponse(problem: Problem): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (problem.code === 'TOKEN_INVALID' || problem.code === 'TOKEN_EXPIRED') {
    headers['WWW-Authenticate'] = `Bearer error="invalid_token", error_description="${problem.code}"`;
  }
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
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

export function createPlatformHandlers(
  simulator: PlatformSimulator,
  options: PlatformHandlerOptions = {},
): HttpHandler[] {
  const base = (options.baseUrl ?? '*').replace(/\/+$/, '');
  const route =
    (handler: (context: RouteContext) => Promise<Reply> | Reply) =>
    async ({ request, params }: { request: Request; params: Params }): Promise<Response> => {
      try {
        const reply = await handler({
          request,
          params,
          url: new URL(request.url),
          body: () => jsonBody(request),
          session: () => simulator.session(request.headers.get('authorization')),
        });
        return reply.body === undefined
          ? new HttpResponse(null, { status: reply.status })
          : HttpResponse.json(reply.body as Record<string, unknown>, { status: reply.status });
      } catch (error) {
        if (error instanceof ProblemError) return problemResponse(error.problem);
        options.onError?.(error);
        return problemResponse(new ProblemError(500, 'PLATFORM_UNAVAILABLE', 'internal error').problem);
      }
    };

  const desk = simulator.bookingDesk;
  const health = simulator.healthRecords;
  return [
    http.post(
      `${base}/v1/auth/challenges`,
      route(async ({ body }) => ({ status: 201, body: simulator.createChallenge(await body()) })),
    ),
    http.post(
      `${base}/v1/auth/login`,
      route(async ({ body }) => ({ status: 200, body: await simulator.login(await body()) })),
    ),
    http.post(
      `${base}/v1/auth/refresh`,
      route(async ({ body }) => ({ status: 200, body: simulator.refresh(await body()) })),
    ),
    http.post(
      `${base}/v1/auth/logout`,
      route(({ request }) => {
        simulator.logout(request.headers.get('authorization'));
        return { status: 204 };
      }),
    ),
    http.post(
      `${base}/v1/registrations`,
      route(async ({ body }) => ({ status: 201, body: await simulator.register(await body()) })),
    ),
    http.get(
      `${base}/v1/me`,
      route(({ session }) => ({ status: 200, body: simulator.profile(session()) })),
    ),
    http.get(
      `${base}/v1/health/checkups`,
      route(({ session, url }) => {
        const { customerNumber } = session();
        return { status: 200, body: health.list(customerNumber, dateRangeOf(url.searchParams)) };
      }),
    ),
    http.get(
      `${base}/v1/health/checkups/:checkupId`,
      route(({ session, params }) => ({
        status: 200,
        body: health.one(session().customerNumber, param(params, 'checkupId')),
      })),
    ),
    http.get(
      `${base}/v1/health/trends/:itemCode`,
      route(({ session, params }) => ({
        status: 200,
        body: health.trend(session().customerNumber, param(params, 'itemCode')),
      })),
    ),
    http.get(
      `${base}/v1/health/medications`,
      route(({ session, url }) => {
        const { customerNumber } = session();
        return { status: 200, body: health.medicationList(customerNumber, dateRangeOf(url.searchParams)) };
      }),
    ),
    http.get(
      `${base}/v1/facilities`,
      route(({ session }) => {
        session();
        return { status: 200, body: desk.list() };
      }),
    ),
    http.get(
      `${base}/v1/facilities/:facilityId`,
      route(({ session, params }) => {
        session();
        return { status: 200, body: desk.facility(param(params, 'facilityId')) };
      }),
    ),
    http.get(
      `${base}/v1/facilities/:facilityId/availability`,
      route(({ session, params, url }) => {
        session();
        return { status: 200, body: desk.availability(param(params, 'facilityId'), url.searchParams) };
      }),
    ),
    http.get(
      `${base}/v1/bookings`,
      route(({ session }) => ({ status: 200, body: desk.mine(session().customerNumber) })),
    ),
    http.post(
      `${base}/v1/bookings`,
      route(async ({ session, request, body }) => {
        const { customerNumber } = session();
        const key = request.headers.get('idempotency-key');
        const result = desk.create(customerNumber, key, await body());
        return { status: result.created ? 201 : 200, body: result.booking };
      }),
    ),
    http.get(
      `${base}/v1/bookings/:bookingId`,
      route(({ session, params }) => ({
        status: 200,
        body: desk.get(session().customerNumber, param(params, 'bookingId')),
      })),
    ),
    http.delete(
      `${base}/v1/bookings/:bookingId`,
      route(({ session, params }) => ({
        status: 200,
        body: desk.cancel(session().customerNumber, param(params, 'bookingId')),
      })),
    ),
    http.post(
      `${base}/__simulator/reset`,
      route(() => {
        simulator.reset();
        return { status: 204 };
      }),
    ),
    http.get(
      `${base}/__simulator/status`,
      route(() => ({
        status: 200,
        body: { trustAnchors: simulator.trustAnchorCount, links: simulator.linkCount },
      })),
    ),
  ];
}

/**
 * HTTP for the device flow (simulator/pairing/): the TV's two OAuth endpoints, answering as RFC 8628
 * and RFC 6749 §5 say (form-encoded or JSON in; JSON out; errors carry `error` and are problem
 * details too), and the phone page (HTML). Every answer is `no-store` and dated by the simulator's
 * clock; each call counts against its per-address limit, the page's code lookups also against the
 * global one (RFC 8628 §5.1).
 */
import { http, type HttpHandler } from 'msw';
import { jsonObjectOf, ProblemError } from './simulator/problem';
import type { PlatformSimulator } from './simulator/simulator';
import { SlowDown, UnknownUserCode } from './simulator/pairing/device-flow';
import { CsrfGuard, csrfCookieHeader, phoneCookieHeader } from './simulator/pairing/csrf';
import { createPhonePageHandlers } from './phone-page-handlers';
import { renderPage, type PageState } from './simulator/pairing/page';
import { normalizeUserCode } from './simulator/pairing/user-code';
import type { PhoneLogin } from './simulator/pairing/phone-login';
import { bytesToBase64Url } from '../../src/platform/base64';

const PAIRING_PAGE_PATH = '/pair';

export interface PairingHandlerOptions {
  /** Origin and path prefix, as createPlatformHandlers has it (`*`: any). */
  base: string;
  /** Where phones reach the platform (`verification_uri`'s origin and prefix); default: base. */
  publicUrl?: string;
  /** The caller's address (the per-client limits' key). */
  clientOf: (request: Request) => string;
  /** The reply of an error that is not the flow's own (a 429, a bug). */
  errorResponse: (error: unknown) => Response;
  /** The readerless login through デジタル認証アプリ, once the app is known (none: not offered). */
  phoneLogin?: () => PhoneLogin | undefined;
}

/** RFC 6749 §5.2 `error` of each problem the OAuth endpoints raise. */
const OAUTH_ERRORS: Partial<Record<string, string>> = {
  VALIDATION_FAILED: 'invalid_request',
  INVALID_CLIENT: 'invalid_client',
  INVALID_GRANT: 'invalid_grant',
  INVALID_SCOPE: 'invalid_scope',
  UNSUPPORTED_GRANT_TYPE: 'unsupported_grant_type',
  AUTHORIZATION_PENDING: 'authorization_pending',
  SLOW_DOWN: 'slow_down',
  ACCESS_DENIED: 'access_denied',
  EXPIRED_TOKEN: 'expired_token',
};

/** RFC 6749 §5.1: token answers are never cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** `formTarget`: the app's origin, where the login form's answer redirects (browsers check that too). */
export const PAGE_HEADERS = (nonce: string, formTarget = ''): Record<string, string> => ({
  'Content-Type': 'text/html; charset=utf-8',
  ...NO_STORE,
  'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self' ${formTarget}; frame-ancestors 'none'; base-uri 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The address carries the user code: never pass it to another site. Not no-referrer: under it a
  // browser sends `Origin: null` with the page's own form, and the origin could not be checked.
  'Referrer-Policy': 'same-origin',
});

/** A form-encoded or JSON body as one flat object; a parameter given twice is refused (RFC 6749 §3.2). */
async function parametersOf(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await request.text();
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const result: Record<string, string> = {};
    for (const [name, value] of form) {
      if (name in result) throw new ProblemError(400, 'VALIDATION_FAILED', `${name} is given more than once`);
      result[name] = value;
    }
    return result;
  }
  if (type === 'application/json') return jsonObjectOf(text);
  throw new ProblemError(400, 'VALIDATION_FAILED', 'the body must be application/x-www-form-urlencoded');
}

export function createPairingHandlers(
  simulator: PlatformSimulator,
  options: PairingHandlerOptions,
): HttpHandler[] {
  const { base, clientOf } = options;
  const flow = simulator.pairing;
  const csrf = new CsrfGuard();
  const dated = (headers: Record<string, string>) => ({ ...headers, Date: simulator.now().toUTCString() });

  const oauthError = (error: unknown): Response => {
    const oauth = error instanceof ProblemError ? OAUTH_ERRORS[error.code] : undefined;
    if (!(error instanceof ProblemError) || !oauth) return options.errorResponse(error);
    const body = {
      error: oauth,
      error_description: error.message,
      ...error.problem,
      ...(error instanceof SlowDown ? { interval: error.interval } : {}),
    };
    return new Response(JSON.stringify(body), {
      status: error.status,
      headers: dated({ 'Content-Type': 'application/json', ...NO_STORE }),
    });
  };

  const oauthEndpoint = (
    path: string,
    action: 'device-authorization' | 'device-token',
    answer: (parameters: Record<string, unknown>, request: Request) => unknown,
  ) =>
    http.post(`${base}${path}`, async ({ request }) => {
      try {
        await simulator.limits.take('client', action, clientOf(request));
        const body = await answer(await parametersOf(request), request);
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: dated({ 'Content-Type': 'application/json', ...NO_STORE }),
        });
      } catch (error) {
        const response = oauthError(error);
        response.headers.set('Date', simulator.now().toUTCString());
        return response;
      }
    });

  /** The page's address: under the public URL, the handlers' base, or the request's own origin. */
  const pageUrl = (request: Request): URL =>
    new URL(
      `${options.publicUrl ?? (base === '*' ? new URL(request.url).origin : base)}${PAIRING_PAGE_PATH}`,
    );

  /** One page answer: its state, status, and the CSRF cookie when the page sets one. */
  const page = (
    request: Request,
    state: PageState,
    status = 200,
    extra: Record<string, string> = {},
  ): Response => {
    const nonce = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const action = pageUrl(request).pathname;
    const app = options.phoneLogin?.()?.appOrigin ?? '';
    return new Response(renderPage(state, action, nonce), {
      status,
      headers: dated({ ...PAGE_HEADERS(nonce, app), ...extra }),
    });
  };

  /** Counts one code lookup, per address and overall; the page that says to wait when over. */
  const takeLookup = async (request: Request): Promise<Response | undefined> => {
    try {
      await simulator.limits.take('client', 'user-code', clientOf(request));
      await simulator.limits.take('global', 'user-code', 'all');
      return undefined;
    } catch (error) {
      if (!(error instanceof ProblemError) || error.code !== 'RATE_LIMITED') throw error;
      const seconds = error.headers.retryAfterSeconds ?? 60;
      return page(request, { kind: 'limited', minutes: Math.max(1, Math.ceil(seconds / 60)) }, 429, {
        'Retry-After': String(seconds),
      });
    }
  };

  const pageError = (request: Request, error: unknown, typed: string): Response => {
    if (error instanceof UnknownUserCode) {
      // One answer for never made, expired, answered and mistyped alike.
      return page(request, { kind: 'enter', typed, problem: 'invalid' }, 404);
    }
    return options.errorResponse(error);
  };

  /** 303 to デジタル認証アプリ for a pending `login` request; the page that says why not otherwise. */
  const loginRedirect = async (request: Request, typed: string): Promise<Response> => {
    const limited = await takeLookup(request);
    if (limited) return limited;
    const login = options.phoneLogin?.();
    try {
      if (!login) throw new Error('no デジタル認証アプリ configured');
      const location = await login.begin(typed);
      return new Response(null, { status: 303, headers: dated({ Location: location.href, ...NO_STORE }) });
    } catch (error) {
      if (error instanceof UnknownUserCode || error instanceof ProblemError)
        return pageError(request, error, typed);
      return page(request, { kind: 'loginUnavailable', userCode: typed.slice(0, 64) }, 503);
    }
  };

  return [
    ...createPhonePageHandlers(simulator, { ...options, pageUrl, csrf, dated }),
    http.get(`${base}${PAIRING_PAGE_PATH}/login/callback`, async ({ request }) => {
      const limited = await takeLookup(request);
      if (limited) return limited;
      const login = options.phoneLogin?.();
      if (!login) return page(request, { kind: 'enter' }, 404);
      try {
        const result = await login.complete(new URL(request.url));
        switch (result.kind) {
          case 'loggedIn':
            return page(request, { kind: 'loggedIn', boxName: result.boxName });
          case 'cancelled':
            return page(request, { kind: 'loginCancelled', userCode: result.userCode });
          case 'refused':
            return page(request, { kind: 'loginRefused', boxName: result.boxName, code: result.code }, 403);
          case 'expired':
            return page(request, { kind: 'enter', problem: 'invalid' }, 404);
        }
      } catch {
        // The app's answer did not hold up (a bad code, a forged token, the app down).
        return page(request, { kind: 'loginRefused', boxName: '', code: 'LOGIN_FAILED' }, 502);
      }
    }),
    oauthEndpoint('/v1/pairing/device-authorizations', 'device-authorization', (parameters, request) =>
      flow.start(parameters, pageUrl(request).href),
    ),
    oauthEndpoint('/v1/pairing/token', 'device-token', (parameters) => flow.poll(parameters)),
    http.get(`${base}${PAIRING_PAGE_PATH}`, async ({ request }) => {
      const typed = new URL(request.url).searchParams.get('code');
      if (typed === null) return page(request, { kind: 'enter' });
      if (normalizeUserCode(typed) === undefined)
        return page(request, { kind: 'enter', typed: typed.slice(0, 64), problem: 'malformed' }, 400);
      const limited = await takeLookup(request);
      if (limited) return limited;
      try {
        const pending = flow.pending(typed);
        const cookie = csrf.cookieOf(request);
        const secure = new URL(request.url).protocol === 'https:';
        const minutesLeft = Math.max(
          1,
          Math.ceil((pending.expiresAt.getTime() - simulator.now().getTime()) / 60_000),
        );
        return page(
          request,
          {
            kind: 'confirm',
            ...pending,
            csrf: await csrf.token(cookie.value, normalizeUserCode(typed)!),
            minutesLeft,
          },
          200,
          cookie.fresh
            ? { 'Set-Cookie': csrfCookieHeader(cookie.value, pageUrl(request).pathname, secure) }
            : {},
        );
      } catch (error) {
        return pageError(request, error, typed);
      }
    }),
    http.post(`${base}${PAIRING_PAGE_PATH}`, async ({ request }) => {
      let form: URLSearchParams;
      try {
        form = new URLSearchParams(await request.text());
      } catch {
        form = new URLSearchParams();
      }
      const origin = request.headers.get('origin');
      // The HMAC token is the guard; a foreign Origin is refused besides (absent or `null`: a
      // browser that keeps it to itself).
      const sameOrigin = origin === null || origin === 'null' || origin === pageUrl(request).origin;
      const typed = form.get('code') ?? '';
      const code = normalizeUserCode(typed) ?? '';
      if (!sameOrigin || !(await csrf.check(request, form.get('csrf'), code))) {
        return page(request, { kind: 'csrf' }, 403);
      }
      const decision = form.get('decision');
      if (decision === 'login') return loginRedirect(request, typed);
      if (decision !== 'approve' && decision !== 'deny') {
        return page(request, { kind: 'enter', typed: typed.slice(0, 64), problem: 'malformed' }, 400);
      }
      const limited = await takeLookup(request);
      if (limited) return limited;
      try {
        const { boxName, phoneCredential } = flow.decide(typed, decision === 'approve');
        const secure = new URL(request.url).protocol === 'https:';
        // The approving phone's credential: its page of what the TV sends, and its 解除.
        const cookie: Record<string, string> = phoneCredential
          ? {
              'Set-Cookie': phoneCookieHeader(
                phoneCredential,
                pageUrl(request).pathname,
                secure,
                flow.pairingTtlSeconds,
              ),
            }
          : {};
        return page(request, { kind: phoneCredential ? 'approved' : 'denied', boxName }, 200, cookie);
      } catch (error) {
        return pageError(request, error, typed);
      }
    }),
  ];
}

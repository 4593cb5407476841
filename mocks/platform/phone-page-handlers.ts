/**
 * HTTP for the paired phone's page (simulator/pairing/phone-page.ts): what the TV sent, the touch
 * remote's presses (queued for the TV's poll) and 解除する. The phone's own credential (the cookie set when it approved) is checked before anything
 * else — 401 without it; the unpair form is CSRF-guarded besides (the same signed double submit
 * as the approval form), and so are the remote's presses. Every answer is `no-store`.
 */
import { http, type HttpHandler } from 'msw';
import { PAGE_HEADERS, type PairingHandlerOptions } from './pairing-handlers';
import type { PlatformSimulator } from './simulator/simulator';
import { csrfCookieHeader, phoneCredentialOf, type CsrfGuard } from './simulator/pairing/csrf';
import { renderPhonePage, type PhonePageState } from './simulator/pairing/phone-page';
import type { RemoteNotice } from './simulator/pairing/phone-remote-page';
import type { RemoteOutcome } from './simulator/pairing/phone-remote';
import type { Pairing } from './simulator/pairing/pairings';
import { ProblemError } from './simulator/problem';
import { bytesToBase64Url } from '../../src/platform/base64';

interface PhonePageOptions extends PairingHandlerOptions {
  pageUrl: (request: Request) => URL;
  csrf: CsrfGuard;
  dated: (headers: Record<string, string>) => Record<string, string>;
}

/** What the unpair form's CSRF token is made over: this pairing's 解除 only. */
const unpairPurpose = (pairingId: string): string => `unpair:${pairingId}`;
/** The touch remote's: this pairing's presses only. */
const remotePurpose = (pairingId: string): string => `remote:${pairingId}`;
/** The remote form's body, in bytes: 100 characters percent-encoded and the token fit well within. */
const REMOTE_FORM_MAX = 4096;
/**
 * A press the page refuses: 409 while the TV shows a secret screen, 503 while the TV is not polling
 * (nothing would take it), 422 for text nothing took.
 */
const OUTCOME_STATUS: Partial<Record<RemoteOutcome['kind'], number>> = {
  secret: 409,
  tvAway: 503,
  noEntry: 422,
  nothingFitted: 422,
};

export function createPhonePageHandlers(
  simulator: PlatformSimulator,
  options: PhonePageOptions,
): HttpHandler[] {
  const { base, pageUrl, csrf, dated } = options;
  const flow = simulator.pairing;

  const page = (
    request: Request,
    state: PhonePageState,
    status: number,
    extra: Record<string, string> = {},
  ) => {
    const nonce = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    return new Response(renderPhonePage(state, pageUrl(request).pathname, nonce), {
      status,
      headers: dated({ ...PAGE_HEADERS(nonce), ...extra }),
    });
  };

  /** The phone's pairing, or the page that says why there is none (401 unknown, 410 ended). */
  const pairedOrPage = async (request: Request) => {
    await simulator.limits.take('client', 'api', options.clientOf(request));
    const found = await flow.pairings.ofPhone(phoneCredentialOf(request));
    if (found.state === 'unknown') return { answer: page(request, { kind: 'unknown' }, 401) };
    if (found.state === 'ended')
      return { answer: page(request, { kind: 'ended', boxName: found.boxName }, 410) };
    return { pairing: found.pairing };
  };

  /** A foreign Origin is refused besides the token (absent or `null`: a browser keeping it to itself). */
  const sameOrigin = (request: Request): boolean => {
    const origin = request.headers.get('origin');
    return origin === null || origin === 'null' || origin === pageUrl(request).origin;
  };

  /**
   * A form post's preamble: the phone's pairing (or its page), then Origin and the CSRF token made
   * for `purpose` of that pairing (or 403). The body is read once and handed on.
   */
  const checkedForm = async (request: Request, purpose: (pairingId: string) => string) => {
    const found = await pairedOrPage(request);
    if (!found.pairing) return { answer: found.answer };
    const body = await request.text().catch(() => '');
    const form = new URLSearchParams(body);
    if (!sameOrigin(request) || !(await csrf.check(request, form.get('csrf'), purpose(found.pairing.id))))
      return { answer: page(request, { kind: 'csrf' }, 403) };
    return { pairing: found.pairing, body, form };
  };

  /** The page of a live pairing, with its forms' tokens (and the CSRF cookie when it is new). */
  const itemsPage = async (
    request: Request,
    pairing: Pairing,
    notice: RemoteNotice | undefined,
    status: number,
    extra: Record<string, string> = {},
  ) => {
    const cookie = csrf.cookieOf(request);
    const secure = new URL(request.url).protocol === 'https:';
    const state: PhonePageState = {
      kind: 'items',
      boxName: pairing.boxName,
      items: flow.items.list(pairing),
      csrf: await csrf.token(cookie.value, unpairPurpose(pairing.id)),
      expiresAt: pairing.expiresAt,
      remoteCsrf: await csrf.token(cookie.value, remotePurpose(pairing.id)),
      ...(notice ? { notice } : {}),
    };
    const set: Record<string, string> = cookie.fresh
      ? { 'Set-Cookie': csrfCookieHeader(cookie.value, pageUrl(request).pathname, secure) }
      : {};
    return page(request, state, status, { ...set, ...extra });
  };

  /** A handler's answer, or the platform's problem answer for what it throws. */
  const answered =
    (handle: (request: Request) => Promise<Response>) =>
    async ({ request }: { request: Request }): Promise<Response> => {
      try {
        return await handle(request);
      } catch (error) {
        return options.errorResponse(error);
      }
    };

  return [
    http.get(
      `${base}/pair/phone`,
      answered(async (request) => {
        const found = await pairedOrPage(request);
        if (!found.pairing) return found.answer;
        // The TV shows a PIN or password screen now: the page says so before any press.
        const secret = flow.remote.entryOf(found.pairing) === 'secret';
        return await itemsPage(request, found.pairing, secret ? { kind: 'secret' } : undefined, 200);
      }),
    ),
    http.post(
      `${base}/pair/phone/remote`,
      answered(async (request) => {
        const checked = await checkedForm(request, remotePurpose);
        if (!checked.pairing) return checked.answer;
        const { pairing, body, form } = checked;
        const answer = (notice: RemoteNotice, status: number, extra: Record<string, string> = {}) =>
          itemsPage(request, pairing, notice, status, extra);
        if (new TextEncoder().encode(body).length > REMOTE_FORM_MAX) return answer({ kind: 'tooLong' }, 413);
        try {
          await simulator.limits.take('client', 'phone-remote', `pairing:${pairing.id}`);
          const text = form.get('text');
          const outcome =
            text !== null
              ? flow.remote.type(pairing, text)
              : flow.remote.press(pairing, form.get('key') ?? '');
          return await answer(outcome, OUTCOME_STATUS[outcome.kind] ?? 200);
        } catch (error) {
          if (!(error instanceof ProblemError) || (error.status !== 413 && error.status !== 429)) throw error;
          if (error.status === 413) return await answer({ kind: 'tooLong' }, 413);
          const retry = String(error.headers.retryAfterSeconds ?? 2);
          return await answer({ kind: 'limited' }, 429, { 'Retry-After': retry });
        }
      }),
    ),
    http.post(
      `${base}/pair/phone/unpair`,
      answered(async (request) => {
        const checked = await checkedForm(request, unpairPurpose);
        if (!checked.pairing) return checked.answer;
        // The credential stays: this page says from now on that the pairing ended.
        flow.pairings.unpair(checked.pairing);
        return page(request, { kind: 'unpaired', boxName: checked.pairing.boxName }, 200);
      }),
    ),
  ];
}

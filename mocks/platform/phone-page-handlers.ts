/**
 * HTTP for the paired phone's page (simulator/pairing/phone-page.ts): what the TV sent, and
 * 解除する. The phone's own credential (the cookie set when it approved) is checked before anything
 * else — 401 without it; the unpair form is CSRF-guarded besides (the same signed double submit
 * as the approval form). Every answer is `no-store`.
 */
import { http, type HttpHandler } from 'msw';
import { PAGE_HEADERS, type PairingHandlerOptions } from './pairing-handlers';
import type { PlatformSimulator } from './simulator/simulator';
import { csrfCookieHeader, phoneCredentialOf, type CsrfGuard } from './simulator/pairing/csrf';
import { renderPhonePage, type PhonePageState } from './simulator/pairing/phone-page';
import { bytesToBase64Url } from '../../src/platform/base64';

interface PhonePageOptions extends PairingHandlerOptions {
  pageUrl: (request: Request) => URL;
  csrf: CsrfGuard;
  dated: (headers: Record<string, string>) => Record<string, string>;
}

/** What the unpair form's CSRF token is made over: this pairing's 解除 only. */
const unpairPurpose = (pairingId: string): string => `unpair:${pairingId}`;

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

  return [
    http.get(`${base}/pair/phone`, async ({ request }) => {
      try {
        const found = await pairedOrPage(request);
        if (!found.pairing) return found.answer;
        const cookie = csrf.cookieOf(request);
        const secure = new URL(request.url).protocol === 'https:';
        const state: PhonePageState = {
          kind: 'items',
          boxName: found.pairing.boxName,
          items: flow.items.list(found.pairing),
          csrf: await csrf.token(cookie.value, unpairPurpose(found.pairing.id)),
          expiresAt: found.pairing.expiresAt,
        };
        const set: Record<string, string> = cookie.fresh
          ? { 'Set-Cookie': csrfCookieHeader(cookie.value, pageUrl(request).pathname, secure) }
          : {};
        return page(request, state, 200, set);
      } catch (error) {
        return options.errorResponse(error);
      }
    }),
    http.post(`${base}/pair/phone/unpair`, async ({ request }) => {
      try {
        const found = await pairedOrPage(request);
        if (!found.pairing) return found.answer;
        const form = new URLSearchParams(await request.text().catch(() => ''));
        const origin = request.headers.get('origin');
        const sameOrigin = origin === null || origin === 'null' || origin === pageUrl(request).origin;
        if (!sameOrigin || !(await csrf.check(request, form.get('csrf'), unpairPurpose(found.pairing.id)))) {
          return page(request, { kind: 'csrf' }, 403);
        }
        // The credential stays: this page says from now on that the pairing ended.
        flow.pairings.unpair(found.pairing);
        return page(request, { kind: 'unpaired', boxName: found.pairing.boxName }, 200);
      } catch (error) {
        return options.errorResponse(error);
      }
    }),
  ];
}

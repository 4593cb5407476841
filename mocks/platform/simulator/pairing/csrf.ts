/**
 * The phone page's CSRF guard (signed double submit): the page sets a random cookie and puts the
 * HMAC of it and of the code it shows, under a key only this platform holds, in the form. A
 * decision is taken only when the form's token is the HMAC of the cookie that came with it and of
 * the code decided on — another site can neither read the cookie nor make the token, the cookie
 * is SameSite=Strict besides, and a page's token answers for its own code only.
 */
import { base64UrlToBytes, bytesToBase64Url, toArrayBuffer } from '../../../../src/platform/base64';

const CSRF_COOKIE = 'pairing_csrf';
const COOKIE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The cookie outlives the codes (600 s) a little, so a slow viewer's form still holds. */
const COOKIE_MAX_AGE_S = 900;

export class CsrfGuard {
  /** A key of this platform's run only: a restart makes every open page's form stale (403, enter again). */
  private readonly key = crypto.subtle.importKey(
    'raw',
    crypto.getRandomValues(new Uint8Array(32)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );

  /** The request's cookie when it is one of ours in form, else a fresh one (to be set). */
  cookieOf(request: Request): { value: string; fresh: boolean } {
    const value = cookieValue(request.headers.get('cookie'), CSRF_COOKIE);
    if (value !== undefined && COOKIE_PATTERN.test(value)) return { value, fresh: false };
    return { value: bytesToBase64Url(crypto.getRandomValues(new Uint8Array(32))), fresh: true };
  }

  /** The form token for a cookie and the code the page shows. */
  async token(cookie: string, code: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.key, macInput(cookie, code));
    return bytesToBase64Url(new Uint8Array(mac));
  }

  /** Whether the form's token belongs to the request's cookie and this code (HMAC verify: constant time). */
  async check(request: Request, token: string | null, code: string): Promise<boolean> {
    const cookie = cookieValue(request.headers.get('cookie'), CSRF_COOKIE);
    if (!cookie || !COOKIE_PATTERN.test(cookie) || !token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
    return crypto.subtle.verify(
      'HMAC',
      await this.key,
      toArrayBuffer(base64UrlToBytes(token)),
      macInput(cookie, code),
    );
  }
}

/** The Set-Cookie header of a fresh cookie: only for the page's path, never sent cross-site. */
export function csrfCookieHeader(value: string, path: string, secure: boolean): string {
  return strictCookieHeader(CSRF_COOKIE, value, path, secure, COOKIE_MAX_AGE_S);
}

/** A cookie for `path` only, unreadable by script, never sent cross-site. */
function strictCookieHeader(name: string, value: string, path: string, secure: boolean, maxAgeS: number) {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The cookie (base64url, never a newline) and the code, unambiguously joined. */
const macInput = (cookie: string, code: string): ArrayBuffer =>
  toArrayBuffer(new TextEncoder().encode(`${cookie}\n${code}`));

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const PHONE_COOKIE = 'pairing_phone';

/** The paired phone's credential from a request's cookies (undefined when none is there). */
export const phoneCredentialOf = (request: Request): string | undefined =>
  cookieValue(request.headers.get('cookie'), PHONE_COOKIE);

/**
 * The Set-Cookie header of the approving phone's credential: for the pairing pages only, never
 * sent cross-site, unreadable by script, as long as the pairing may last (`maxAgeS` 0 clears it).
 */
export function phoneCookieHeader(value: string, path: string, secure: boolean, maxAgeS: number): string {
  return strictCookieHeader(PHONE_COOKIE, value, path, secure, maxAgeS);
}

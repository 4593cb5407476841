/**
 * The box's Thunder token for its text-to-speech service, when the box's app manager hands the app
 * one in the launch URL's fragment (`#thunderToken=<percent-encoded>`, beside the bridge token; the
 * launcher passes it on untouched). Taken out of the address at once, like the bridge token, and
 * kept in memory only; Thunder gets it as the `token` query parameter of its WebSocket.
 */
import type { LaunchAddress } from './bridge-token';

const THUNDER_TOKEN_FRAGMENT_KEY = 'thunderToken';

const decode = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
};

/** Takes `thunderToken` out of the address; returns it (undefined when there was none). */
export function takeThunderToken({ location, history }: LaunchAddress): string | undefined {
  const fragment = location.hash.replace(/^#/, '');
  if (fragment === '') return undefined;
  let token: string | undefined;
  let found = false;
  const rest = fragment.split('&').filter((part) => {
    const equals = part.indexOf('=');
    if (decode(equals < 0 ? part : part.slice(0, equals)) !== THUNDER_TOKEN_FRAGMENT_KEY) return true;
    found = true;
    const value = equals < 0 ? undefined : decode(part.slice(equals + 1));
    if (token === undefined && value) token = value;
    return false;
  });
  if (found) {
    const hash = rest.length ? `#${rest.join('&')}` : '';
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }
  return token;
}

/** Thunder's WebSocket address with the token as its `token` query parameter. */
export function thunderUrlWithToken(url: string, token: string | undefined): string {
  if (token === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

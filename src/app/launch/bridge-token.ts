/**
 * The bridge's token, handed to the app by the box in the launch URL's fragment
 * (`#bridgeToken=<percent-encoded>`, parameters `k=v` joined by `&`). Read once at start, then
 * removed from the address (history.replaceState, keeping the path, the query and the fragment's
 * other parameters as they were), so it is not left in the address bar, in the history entry, or
 * in a reload. It lives in memory only: never in Storage, never logged, never shown or spoken.
 */
import { BRIDGE_TOKEN_FRAGMENT_KEY } from '../../../stb-spec/protocol/names';

export interface LaunchAddress {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

/** The fragment's parameters split: the token (first one, decoded) and the others as written. */
export function splitFragment(hash: string): { token: string | undefined; rest: string[]; found: boolean } {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  let token: string | undefined;
  let found = false;
  const rest: string[] = [];
  for (const part of fragment === '' ? [] : fragment.split('&')) {
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    if (safeDecode(key) !== BRIDGE_TOKEN_FRAGMENT_KEY) {
      rest.push(part);
      continue;
    }
    // Every bridgeToken leaves the address; the first one that decodes is the token.
    found = true;
    const value = equals < 0 ? undefined : safeDecode(part.slice(equals + 1));
    if (token === undefined && value) token = value;
  }
  return { token, rest, found };
}

/** Takes the token out of the address and returns it (undefined when the launch URL had none). */
export function takeBridgeToken({ location, history }: LaunchAddress): string | undefined {
  const { token, rest, found } = splitFragment(location.hash);
  if (found) {
    const hash = rest.length ? `#${rest.join('&')}` : '';
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }
  return token;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

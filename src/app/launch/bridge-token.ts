/**
 * The bridge's token, handed to the app by the box in the launch URL's fragment
 * (`#bridgeToken=<percent-encoded>`, parameters `k=v` joined by `&`). Read once at start, then
 * removed from the address (history.replaceState, keeping the path, the query and the fragment's
 * other parameters as they were), so it is not left in the address bar, in the history entry, or
 * in a reload. It lives in memory only: never in Storage, never logged, never shown or spoken.
 */
import { splitFragment } from '../../../stb-spec/protocol/launch-fragment';

export { splitFragment };

export interface LaunchAddress {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
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

/**
 * The launch fragment's grammar (BR-SEC-42): parameters `k=v` joined by `&`, the bridge token under
 * BRIDGE_TOKEN_FRAGMENT_KEY, percent-decoded. Written once here: the app reads its token with it and
 * the browser kit checks the same grammar.
 */
import { BRIDGE_TOKEN_FRAGMENT_KEY } from './names';

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

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

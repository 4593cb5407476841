/**
 * The browser kit's launch URL: `http://<allowed origin>/kit/#bridgeToken=<token>&pin=1234&…`.
 * The fragment follows the grammar the spec gives the app's launch URL (BR-SEC-42, BR-CLI-9):
 * `name=value` pairs joined by `&`, each name and value percent-decoded exactly once, the token under
 * `bridgeToken`. The kit's own pairs are read the same way; then the whole fragment leaves the
 * address, so neither the token nor a test PIN stays in the address bar or the history.
 */
import { splitFragment } from '../../protocol/launch-fragment';
import { CARD_OPERATION_TIMEOUT_MS, DEFAULT_PORT, JSONRPC_PATH } from '../../protocol/names';
import type { KitOptions } from '../case';

/** A card operation may take the spec's 15 s before the bridge answers: wait that plus the link. */
const BROWSER_TIMEOUT_MS = CARD_OPERATION_TIMEOUT_MS + 5_000;
/** How long the technician has for each card change, as in the Node kit's --interactive. */
const BROWSER_PROMPT_TIMEOUT_MS = 180_000;

export interface BrowserLaunch {
  kit: KitOptions;
  /** Run only cases whose id or title contains one of these (a partial run is not a result). */
  only: string[];
  promptTimeoutMs: number;
  /** Problems with the launch URL, to show instead of running. */
  problems: string[];
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export function readLaunch(hash: string, origin: string): BrowserLaunch {
  const { token, rest } = splitFragment(hash);
  const pairs = new Map<string, string>();
  const problems: string[] = [];
  for (const part of rest) {
    const equals = part.indexOf('=');
    const name = decode(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : decode(part.slice(equals + 1));
    if (name === undefined || value === undefined) problems.push(`not percent-encoded: ${part}`);
    else if (!pairs.has(name)) pairs.set(name, value);
  }
  const number = (name: string, fallback: number) => {
    const text = pairs.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) problems.push(`${name} must be a positive whole number`);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const pin = pairs.get('pin') || undefined;
  if (pin !== undefined && !/^[0-9]{4}$/.test(pin)) problems.push('pin must be 4 digits');
  const signPin = pairs.get('signPin') || undefined;
  if (signPin !== undefined && !/^[A-Z0-9]{6,16}$/.test(signPin))
    problems.push('signPin must be 6–16 of A–Z and 0–9');
  const url = pairs.get('bridge') || `ws://127.0.0.1:${DEFAULT_PORT}${JSONRPC_PATH}`;
  if (!/^wss?:\/\//.test(url)) problems.push('bridge must be a ws:// or wss:// URL');
  return {
    kit: {
      url,
      origin,
      token,
      authPin: pin,
      signPin,
      reader: pairs.get('reader') || undefined,
      timeoutMs: number('timeoutMs', BROWSER_TIMEOUT_MS),
      // The box runs the image it ships (BR-SEC-60): the browser kit's usual setting.
      productionImage: pairs.get('productionImage') === '1',
      ...(pairs.get('foreignReader') ? { foreign: { reader: pairs.get('foreignReader')! } } : {}),
    },
    only: (pairs.get('only') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    promptTimeoutMs: number('promptTimeoutS', BROWSER_PROMPT_TIMEOUT_MS / 1000) * 1000,
    problems,
  };
}

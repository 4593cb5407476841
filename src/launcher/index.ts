/**
 * Entry of the launcher (`index.html` at the operator's app root, installed by `npm run rollout`): the box opens it with the launch URL (`#bridgeToken=…`); it picks this box's
 * release (launch.ts) and replaces itself with that release's page, passing the token on. When
 * nothing can be opened it says so and tries again every minute, or at once on OK.
 */
import { splitFragment } from '../../stb-spec/protocol/launch-fragment';
import { showPlainMessage } from '../app/launch/plain-message';
import { decodeKey } from '../app/keys/keymap';
import { launch, type LaunchOutcome } from './launch';
import { newBoxId } from './launch-record';
import { launcherProblemLines } from './messages';

const RETRY_MS = 60_000;

// The token leaves the address at once (as the app does): memory only, handed to the release.
const fragment = splitFragment(window.location.hash);
if (fragment.found) {
  const hash = fragment.rest.length ? `#${fragment.rest.join('&')}` : '';
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${hash}`,
  );
}

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

/** Without storage a box still starts: it just cannot remember its place or its failures. */
const memory = new Map<string, string>();
const store = storage() ?? {
  getItem: (key: string) => memory.get(key) ?? null,
  setItem: (key: string, value: string) => void memory.set(key, value),
  removeItem: (key: string) => void memory.delete(key),
};

async function fetchBytes(path: string): Promise<Uint8Array | undefined> {
  try {
    const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin' });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

let message: HTMLElement | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;

function run(): void {
  clearTimeout(retry);
  launch(
    {
      fetchBytes,
      store,
      newBoxId: () => newBoxId((bytes) => window.crypto.getRandomValues(bytes)),
      now: () => Date.now(),
      open: (url) => window.location.replace(url),
      log: (line) => console.warn(`madoguchi launcher: ${line}`),
    },
    { token: fragment.token, rest: fragment.rest },
  ).then(settle, (error: unknown) => {
    console.error('madoguchi launcher:', error);
    settle({ kind: 'nothing-to-open', problem: 'no-release' });
  });
}

function settle(outcome: LaunchOutcome): void {
  if (outcome.kind === 'opened') return;
  message?.remove();
  message = showPlainMessage(document, launcherProblemLines(outcome.problem, outcome.support));
  retry = setTimeout(run, RETRY_MS);
}

window.addEventListener('keydown', (event) => {
  if (message && decodeKey(event) === 'Enter') run();
});

run();

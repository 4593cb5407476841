/**
 * The spec's keys belong to the app (stb-spec §12, BR-KEY-3/4): a browser left to its default goes
 * back in its history on BrowserBack (Chromium does), which would unload the app mid-flow. Lightning
 * routes keys but never cancels them, so the app cancels the default of every key it decodes.
 */
import { decodeKey } from './keymap';

/** Cancels the browser's default for the spec's keys on `target` (the window Lightning listens on). */
export function keepKeysInApp(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const listener = (event: KeyboardEvent) => {
    if (decodeKey(event) !== undefined) event.preventDefault();
  };
  target.addEventListener('keydown', listener, true);
  return () => target.removeEventListener('keydown', listener, true);
}

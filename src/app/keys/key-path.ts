/**
 * The start of every press: one keydown listener, in the capture phase on the window Lightning
 * listens on, decodes the press once (keymap.ts `decodeKey`); Lightning then routes it by the same
 * table and the handlers read what was decoded (`digitOf`). The spec's keys belong to the app
 * (stb-spec §12, BR-KEY-3/4): a browser left to its default goes back in its history on
 * BrowserBack (Chromium does), which would unload the app mid-flow, and Lightning never cancels a
 * key, so the default of every key the spec lists is cancelled here.
 */
import { decodeKey } from './keymap';

/** Decodes every keydown on `target` once and cancels the browser's default for the spec's keys. */
export function installKeyPath(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const listener = (event: KeyboardEvent) => {
    if (decodeKey(event) !== undefined) event.preventDefault();
  };
  target.addEventListener('keydown', listener, true);
  return () => target.removeEventListener('keydown', listener, true);
}

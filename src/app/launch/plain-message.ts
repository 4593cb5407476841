/**
 * A full-screen message in plain DOM, for when there is no Lightning stage to show one: the app
 * without its settings, the launcher without a release to open. Large type on the app's dark blue,
 * Japanese first; never a blank TV.
 */
export function showPlainMessage(document: Document, lines: readonly string[]): HTMLElement {
  const box = document.createElement('div');
  box.style.cssText =
    'position:absolute;inset:0;padding:54px 96px;background:#0B1D33;color:#fff;font:40px/1.5 "Noto Sans CJK JP",sans-serif;white-space:pre-wrap';
  box.textContent = lines.join('\n');
  document.body.appendChild(box);
  return box;
}

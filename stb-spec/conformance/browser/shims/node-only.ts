/**
 * What the browser build cannot do: a page's WebSocket always sends the page's own Origin and the
 * browser's own Host, cannot send a ping, invalid UTF-8 or a bare HTTP request, and never shows the
 * HTTP status of a refused upgrade. A case that needs one of these ends as "Node build only".
 */
import { NodeOnly } from '../../case';

export function nodeOnly(what: string): never {
  throw new NodeOnly(`ブラウザ版では確認できません / the browser build cannot ${what}: run the Node build`);
}

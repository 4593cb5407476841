/**
 * client.ts for the browser build (the build script points every import of it here): the same
 * KitClient, but an upgrade's HTTP status is only known when the bridge accepts it — a browser
 * never shows why an upgrade was refused, so a check that expects a refusal is Node-only.
 */
import WebSocket from './shims/ws';
import { nodeOnly } from './shims/node-only';
import { CaseFailure } from '../case';

export * from '../client';

export function upgradeStatus(url: string, origin: string | null, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === null ? {} : { origin });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new CaseFailure(`no answer to the upgrade request within ${timeoutMs} ms`));
    }, timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      ws.close();
      resolve(101);
    });
    ws.once('error', () => {
      clearTimeout(timer);
      try {
        nodeOnly('see the HTTP status of a refused upgrade');
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

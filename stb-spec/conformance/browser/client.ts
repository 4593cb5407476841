/**
 * client.ts for the browser build (the build script points every import of it here): the same
 * KitClient, but an upgrade's HTTP status is only known when the bridge accepts it — a browser
 * never shows why an upgrade was refused, so a check that expects a refusal is Node-only.
 */
import { nodeOnly } from './shims/node-only';
import { openUpgrade } from '../client';

export * from '../client';

export function upgradeStatus(url: string, origin: string | null, timeoutMs: number): Promise<number> {
  return openUpgrade(url, origin, timeoutMs, (ws, settle) => {
    ws.once('error', () => {
      try {
        nodeOnly('see the HTTP status of a refused upgrade');
      } catch (error) {
        settle.reject(error as Error);
      }
    });
  });
}

/** upgrade.ts in the browser build: an upgrade with a chosen Host header is a Node-only check. */
import { nodeOnly } from './node-only';

export interface RawUpgrade {
  host: string | null;
  origin: string | null;
}

export async function rawUpgradeStatus(): Promise<number> {
  return nodeOnly('choose the Host header');
}

export async function rawUpgrade(): Promise<{ status: number; answer: string }> {
  return nodeOnly('choose the Host header');
}

/** The host:port the kit's URL names (what a browser sends as Host). */
export function hostOf(url: string): { hostname: string; port: number } {
  const target = new URL(url);
  const port = Number(target.port || (target.protocol === 'wss:' ? 443 : 80));
  return { hostname: target.hostname, port };
}

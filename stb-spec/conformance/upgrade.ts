/**
 * A WebSocket upgrade written byte by byte, for the checks a WebSocket library would not let the
 * kit make: a chosen `Host` header (or none). Only the status line of the answer is read.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { CaseFailure } from './case';

export interface RawUpgrade {
  /** The Host header's value; null: send none. */
  host: string | null;
  origin: string | null;
}

/** The HTTP status the bridge answers this upgrade with (101 when it accepts; closed again at once). */
export async function rawUpgradeStatus(url: string, upgrade: RawUpgrade, timeoutMs: number): Promise<number> {
  return (await rawUpgrade(url, upgrade, timeoutMs)).status;
}

/**
 * The status and, for a refusal, the whole answer (read until the bridge closes, or briefly) with the
 * Date header left out, so refusals can be compared.
 */
export function rawUpgrade(
  url: string,
  upgrade: RawUpgrade,
  timeoutMs: number,
): Promise<{ status: number; answer: string }> {
  const target = new URL(url);
  const lines = [
    `GET ${target.pathname}${target.search} HTTP/1.1`,
    ...(upgrade.host === null ? [] : [`Host: ${upgrade.host}`]),
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(upgrade.origin === null ? [] : [`Origin: ${upgrade.origin}`]),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port) });
    let answer = '';
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new CaseFailure(`no answer to the upgrade request within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      clearTimeout(grace);
      socket.destroy();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, answer: answer.replace(/^date:.*\r\n/gim, '') });
    };
    socket.on('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (/^HTTP\/1\.[01] 101/.test(answer)) done();
      else if (answer.includes('\r\n\r\n')) grace ??= setTimeout(done, 200);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(new CaseFailure(`upgrade failed without an HTTP answer: ${error.message}`));
    });
    // Closed without a status line: a refusal, but not an HTTP one (status 0).
    socket.on('close', done);
  });
}

/** The host:port the kit's URL names (what a browser would send as Host). */
export function hostOf(url: string): { hostname: string; port: number } {
  const target = new URL(url);
  const port = Number(target.port || (target.protocol === 'wss:' ? 443 : 80));
  return { hostname: target.hostname, port };
}

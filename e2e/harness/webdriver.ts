/** A thin W3C WebDriver client over node:http: only what the harness needs. */
import { request } from 'node:http';

export interface Session {
  id: string;
  navigate(url: string): Promise<void>;
  execute<T>(script: string, args?: unknown[]): Promise<T>;
  executeAsync<T>(script: string, args?: unknown[]): Promise<T>;
  sendKeys(keys: string): Promise<void>;
  /** Any other command of this session, e.g. `command('POST', '/se/log', { type: 'browser' })`. */
  command(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

interface WireResponse {
  value: unknown;
}

class WebDriverError extends Error {}

/** node:http without keep-alive, so no idle socket outlives the driver (and keeps jest running). */
const call = (base: string, method: string, path: string, body?: unknown): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: payload
          ? { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WireResponse;
            if ((res.statusCode ?? 500) >= 400) {
              const value = json.value as { error?: string; message?: string } | undefined;
              reject(
                new WebDriverError(
                  `${method} ${path}: ${value?.error ?? res.statusCode} ${value?.message ?? ''}`,
                ),
              );
            } else {
              resolve(json.value);
            }
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

/** Whether the driver is up and ready for a session. */
export const status = async (base: string): Promise<boolean> =>
  ((await call(base, 'GET', '/status')) as { ready?: boolean }).ready === true;

export const newSession = async (base: string, capabilities: Record<string, unknown>): Promise<Session> => {
  const created = (await call(base, 'POST', '/session', {
    capabilities: { alwaysMatch: capabilities },
  })) as { sessionId: string };
  const id = created.sessionId;
  const at = `/session/${id}`;
  return {
    id,
    navigate: async (url) => {
      await call(base, 'POST', `${at}/url`, { url });
    },
    execute: async <T>(script: string, args: unknown[] = []) =>
      (await call(base, 'POST', `${at}/execute/sync`, { script, args })) as T,
    executeAsync: async <T>(script: string, args: unknown[] = []) =>
      (await call(base, 'POST', `${at}/execute/async`, { script, args })) as T,
    sendKeys: async (keys) => {
      const actions = [...keys].flatMap((value) => [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ]);
      await call(base, 'POST', `${at}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
    },
    command: (method, path, body) => call(base, method, `${at}${path}`, body),
    close: async () => {
      await call(base, 'DELETE', at);
    },
  };
};

/** Transport and endpoint security: the WebSocket upgrade, Origin and token checks, paths, pings. */
import { request } from 'node:http';
import { check, type ConformanceCase } from '../case';
import { upgradeStatus, withToken } from '../client';
import { resultOf } from '../expect';

/** An origin no bridge may allow: .invalid never resolves (RFC 6761). */
export const FOREIGN_ORIGIN = 'http://conformance-foreign.invalid';

/** Status of a plain HTTP GET (no upgrade) to the bridge's URL. */
function plainGetStatus(url: string, timeoutMs: number): Promise<number> {
  const target = new URL(url.replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'GET', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export const connectionCases: ConformanceCase[] = [
  {
    id: 'CK-01',
    title: 'the allowed Origin connects; 4 connections at once are served; pings get pongs',
    area: 'transport',
    async run(ctx) {
      const clients = await Promise.all([1, 2, 3, 4].map((n) => ctx.connect({ label: `connection ${n}` })));
      const replies = await Promise.all(clients.map((client) => client.call('getStatus')));
      replies.forEach((reply, n) => resultOf(reply, `getStatus on connection ${n + 1}`));
      check(await clients[0]!.ping(), 'no pong to a WebSocket ping (BR-TRN-7)');
    },
  },
  {
    id: 'CK-02',
    title: 'a foreign Origin is refused with HTTP 403 (also "null" and the allowed one with another scheme)',
    area: 'security',
    async run(ctx) {
      const { origin, token, timeoutMs } = ctx.options;
      const url = withToken(ctx.options.url, token);
      const otherScheme = origin.startsWith('https:')
        ? origin.replace(/^https:/, 'http:')
        : origin.replace(/^http:/, 'https:');
      for (const offered of [FOREIGN_ORIGIN, 'null', otherScheme]) {
        const status = await upgradeStatus(url, offered, timeoutMs);
        check(status === 403, `Origin ${offered}: expected HTTP 403, got ${status}`);
      }
    },
  },
  {
    id: 'CK-03',
    title: 'an upgrade without an Origin header is refused with HTTP 403',
    area: 'security',
    async run(ctx) {
      const url = withToken(ctx.options.url, ctx.options.token);
      const status = await upgradeStatus(url, null, ctx.options.timeoutMs);
      check(status === 403, `no Origin: expected HTTP 403, got ${status}`);
    },
  },
  {
    id: 'CK-04',
    title: 'with a token configured, a missing or wrong ?token= is refused with HTTP 403',
    area: 'security',
    needs: { token: true },
    optionalIn: true,
    async run(ctx) {
      const { url, origin, token, timeoutMs } = ctx.options;
      const missing = await upgradeStatus(withToken(url, null), origin, timeoutMs);
      check(missing === 403, `no token: expected HTTP 403, got ${missing}`);
      const wrong = await upgradeStatus(withToken(url, `${token}x`), origin, timeoutMs);
      check(wrong === 403, `wrong token: expected HTTP 403, got ${wrong}`);
      const empty = await upgradeStatus(withToken(url, ''), origin, timeoutMs);
      check(empty === 403, `empty token: expected HTTP 403, got ${empty}`);
    },
  },
  {
    id: 'CK-05',
    title: 'another path is not upgraded, and a plain HTTP request is served no content',
    area: 'transport',
    async run(ctx) {
      const { url, origin, token, timeoutMs } = ctx.options;
      const other = await upgradeStatus(withToken(url, token, '/other'), origin, timeoutMs);
      check(other !== 101 && other >= 400, `upgrade at /other: expected a refusal (404), got ${other}`);
      if (other !== 404) ctx.note(`upgrade at /other answered ${other} (SHOULD be 404)`);
      const plain = await plainGetStatus(withToken(url, token), timeoutMs);
      check(plain >= 400, `plain GET of the endpoint: expected an error status (426), got ${plain}`);
      if (plain !== 426) ctx.note(`plain GET answered ${plain} (SHOULD be 426)`);
    },
  },
];

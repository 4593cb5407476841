/** Transport and endpoint security: the WebSocket upgrade, Origin and token checks, paths, pings. */
import { request } from 'node:http';
import { check, show, skip, type ConformanceCase, type KitOptions } from '../case';
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
      const { origin } = ctx.options;
      const otherScheme = origin.startsWith('https:')
        ? origin.replace(/^https:/, 'http:')
        : origin.replace(/^http:/, 'https:');
      await expectOriginsRefused(ctx.options, [FOREIGN_ORIGIN, 'null', otherScheme]);
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
    title:
      'with a token configured, a missing, empty or wrong ?token= (even one character off) gets HTTP 403',
    area: 'security',
    optionalIn: true,
    async run(ctx) {
      const { url, origin, token, timeoutMs } = ctx.options;
      if (token === undefined) {
        const open = await upgradeStatus(withToken(url, null), origin, timeoutMs);
        check(
          open !== 403,
          'ブリッジはトークンを要求しています。--token を指定してください / the bridge refused the allowed ' +
            'Origin without a token (HTTP 403): it demands one — run the kit with --token T',
        );
        skip(
          'the kit was given no --token and the bridge accepts connections without one ' +
            '(development only: a box must configure a token, BR-SEC-4)',
        );
      }
      const last = token.at(-1);
      const offers: [string | null, string][] = [
        [null, 'no token'],
        ['', 'an empty token'],
        [`${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`, 'the token with its last character changed'],
        [token.slice(0, -1), 'the token without its last character'],
        [`${token}x`, 'the token with a character added'],
        ['conformance-wrong-token', 'a wrong token'],
      ];
      for (const [offered, what] of offers) {
        const status = await upgradeStatus(withToken(url, offered), origin, timeoutMs);
        check(status === 403, `${what}: expected HTTP 403, got ${status} (BR-SEC-4)`);
      }
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

/** Each of `offered` must get HTTP 403 at the upgrade; the token is given, so only the Origin is wrong. */
export async function expectOriginsRefused(options: KitOptions, offered: Iterable<string>, requirement = '') {
  const url = withToken(options.url, options.token);
  for (const origin of offered) {
    const status = await upgradeStatus(url, origin, options.timeoutMs);
    check(status === 403, `Origin ${show(origin)}: expected HTTP 403, got ${status}${requirement}`);
  }
}

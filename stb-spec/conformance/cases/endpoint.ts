/**
 * The upgrade's other gates and the bridge's own limits: Origins that only look like the allowed
 * one, the Host header (DNS rebinding), the reference bridge's simulator extension (which a box must
 * not have), and a connection that floods the bridge.
 */
import { check, show, skip, type ConformanceCase } from '../case';
import { withToken } from '../client';
import { Code, errorOf, resultOf } from '../expect';
import { hostOf, rawUpgrade, rawUpgradeStatus } from '../upgrade';
import { SIMULATOR_CALLSIGN } from '../card-control';
import { FOREIGN_ORIGIN, expectOriginsRefused } from './connection';

/** Origins a bridge comparing by prefix, by suffix or without regard to case would let in. */
function lookalikeOrigins(origin: string): string[] {
  const parsed = new URL(origin);
  const [scheme, rest] = [origin.slice(0, origin.indexOf(':')), origin.slice(origin.indexOf(':'))];
  const offers = [
    `${origin}.evil.example`,
    `${origin}/`,
    `${origin}x`,
    `${origin}0`,
    origin.slice(0, -1),
    `${scheme.toUpperCase()}${rest}`,
    origin.toUpperCase(),
    origin.replace(parsed.hostname, parsed.hostname.toUpperCase()),
  ];
  return [...new Set(offers)].filter((offer) => offer !== origin);
}

/** How many frames the flooding connection sends at once: well over the limit of 200 a second. */
const FLOOD = 300;
const BATCH = 8;

export const endpointCases: ConformanceCase[] = [
  {
    id: 'CK-49',
    title: 'Origins that only start with, extend or differ in case from the allowed one get HTTP 403',
    area: 'security',
    async run(ctx) {
      await expectOriginsRefused(ctx.options, lookalikeOrigins(ctx.options.origin), ' (BR-SEC-2)');
    },
  },
  {
    id: 'CK-50',
    title: 'an upgrade whose Host is not the bridge’s own loopback address and port gets HTTP 403',
    area: 'security',
    async run(ctx) {
      const { origin, token, timeoutMs } = ctx.options;
      const url = withToken(ctx.options.url, token);
      const { port } = hostOf(url);
      const otherPort = port === 65535 ? port - 1 : port + 1;
      const refused = [
        `evil.example:${port}`,
        `127.0.0.1.evil.example:${port}`,
        `localhost.evil.example:${port}`,
        `127.0.0.1:${otherPort}`,
        `localhost:${otherPort}`,
        `192.168.0.10:${port}`,
      ];
      for (const host of refused) {
        const status = await rawUpgradeStatus(url, { host, origin }, timeoutMs);
        check(status === 403, `Host ${show(host)}: expected HTTP 403, got ${status} (BR-SEC-6)`);
      }
      const none = await rawUpgradeStatus(url, { host: null, origin }, timeoutMs);
      check(none !== 101, 'an upgrade without a Host header was accepted (BR-SEC-6)');
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const status = await rawUpgradeStatus(url, { host, origin }, timeoutMs);
        check(status === 101, `Host ${show(host)} (the bridge's own): expected HTTP 101, got ${status}`);
      }
      // Every refusal looks the same, whichever check failed (BR-SEC-5).
      const own = `127.0.0.1:${port}`;
      const refusals: [string, Promise<{ answer: string }>][] = [
        ['a foreign Host', rawUpgrade(url, { host: `evil.example:${port}`, origin }, timeoutMs)],
        ['a foreign Origin', rawUpgrade(url, { host: own, origin: FOREIGN_ORIGIN }, timeoutMs)],
        ['no Origin', rawUpgrade(url, { host: own, origin: null }, timeoutMs)],
      ];
      if (token !== undefined) {
        const wrong = withToken(ctx.options.url, `${token}x`);
        refusals.push(['a wrong token', rawUpgrade(wrong, { host: own, origin }, timeoutMs)]);
      }
      const [first, ...others] = await Promise.all(
        refusals.map(async ([what, answer]) => ({ what, answer: (await answer).answer })),
      );
      for (const other of others) {
        check(
          other.answer === first!.answer,
          `the refusal for ${other.what} differs from the one for ${first!.what}: ` +
            `${show(other.answer, 120)} vs ${show(first!.answer, 120)} (BR-SEC-5: it must not say which check failed)`,
        );
      }
    },
  },
  {
    id: 'CK-55',
    title: 'the reference bridge’s simulator extension (MyNumberCardSimulator.1.*) is not there: -32601',
    area: 'security',
    optionalIn: ['simulator-controls'],
    async run(ctx) {
      if (ctx.mode === 'simulator-controls') {
        skip(
          '--simulator-controls uses the extension itself: only for the reference bridge in our own tests',
        );
      }
      const client = await ctx.connect();
      for (const method of ['getScenario', 'insertCard', 'removeCard']) {
        const params = method === 'insertCard' ? { scenario: 'normal' } : {};
        const reply = await client.call(`${SIMULATOR_CALLSIGN}.${method}`, params);
        check(
          reply.kind === 'error' && reply.error.code === Code.METHOD,
          `${SIMULATOR_CALLSIGN}.${method}: expected -32601, got ${show(reply.raw)} — a box must not ` +
            'expose simulator or test extensions (BR-SEC-23)',
        );
      }
    },
  },
  {
    id: 'CK-56',
    title: `a connection sending ${FLOOD} messages within a second is closed (1008); another is served`,
    area: 'transport',
    async run(ctx) {
      const noisy = await ctx.connect({ label: 'flooding' });
      const bystander = await ctx.connect({ label: 'bystander' });
      resultOf(await noisy.call('getStatus'), 'getStatus before the flood');
      // Notifications: valid and never answered. Sent in small batches a few ms apart, so the rate
      // (over 200 a second), not a pile of unanswered calls, is what the bridge must act on.
      const frame = JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCard.1.getStatus' });
      for (let n = 0; n < FLOOD && noisy.isOpen; n++) {
        noisy.sendText(frame);
        if (n % BATCH === BATCH - 1) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      resultOf(await bystander.call('getStatus'), 'getStatus on another connection during the flood');
      const deadline = Date.now() + 3_000;
      while (noisy.closeCode === undefined && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      check(
        noisy.closeCode === 1008,
        `after ${FLOOD} messages within a second: expected the connection closed with 1008 (policy violation), ` +
          `got ${noisy.closeCode ?? 'still open after 3 s'} (BR-TRN-9)`,
      );
      resultOf(await bystander.call('getStatus'), 'getStatus on the other connection after the flood');
      const next = await ctx.connect({ label: 'new connection' });
      resultOf(await next.call('getStatus'), 'getStatus on a new connection after the flood');
      errorOf(await next.call('MyNumberCard.1.nothing', {}), Code.METHOD, 'an unknown method afterwards');
    },
  },
];

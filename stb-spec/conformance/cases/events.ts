/** statusChanged events: on removal and insertion, after unregister, and per connection and id. */
import { LIMITS, type Status } from '../../protocol';
import { check, sameJson, show, type CaseContext, type ConformanceCase } from '../case';
import type { KitClient, NotificationMessage } from '../client';
import { Code, errorOf, resultOf } from '../expect';

const register = async (client: KitClient, id: string, method = 'register') =>
  check(
    resultOf(await client.call(method, { event: 'statusChanged', id }), `${method} ${id}`) === 0,
    `${method} must answer 0`,
  );

/** BR-EVT-3: the same getStatus result is never announced twice in a row for one id. */
function checkNoRepeats(client: KitClient): void {
  const last = new Map<string, unknown>();
  for (const { method, params } of client.notifications()) {
    check(
      !sameJson(last.get(method), params),
      `${client.label}: ${method} repeated an unchanged status ${show(params)}`,
    );
    last.set(method, params);
  }
}

/** Waits for `<id>.statusChanged` whose status shows the reader in `state`; notes how long it took. */
async function announced(
  ctx: CaseContext,
  client: KitClient,
  id: string,
  state: 'absent' | 'present' | 'unsupported',
  since: { index: number; at: number },
  what: string,
): Promise<NotificationMessage> {
  const timeout = ctx.stage.control.changeTimeoutMs + ctx.options.timeoutMs;
  const message = await client.notification(
    (m) => m.method === `${id}.statusChanged` && ctx.stage.stateIn(m.params as Status) === state,
    timeout,
    since.index,
  );
  const arrival = client.received.find((entry) => entry.message === message)!.at;
  ctx.note(`${client.label}: ${what} announced ${Math.round(arrival - since.at)} ms after the kit acted`);
  const status = message.params as Status;
  const anyPresent = Array.isArray(status?.readers) && status.readers.some((r) => r.card === 'present');
  check(anyPresent === (status.token === 'JPKIAPICCTOKEN2'), `token and readers disagree in ${show(status)}`);
  return message;
}

const mark = (client: KitClient) => ({ index: client.received.length, at: performance.now() });

export const eventCases: ConformanceCase[] = [
  {
    id: 'CK-38',
    title: 'a registered connection gets <id>.statusChanged (a Status) when the card is removed and inserted',
    area: 'events',
    card: 'normal',
    changesCard: true,
    async run(ctx) {
      const client = await ctx.connect({ label: 'app' });
      await register(client, 'conformance.events');
      const removal = mark(client);
      await ctx.stage.remove();
      await announced(ctx, client, 'conformance.events', 'absent', removal, 'removal');
      const insertion = mark(client);
      await ctx.stage.insert('normal');
      await announced(ctx, client, 'conformance.events', 'present', insertion, 'insertion');
      const others = client.notifications().filter((n) => n.method !== 'conformance.events.statusChanged');
      check(
        others.length === 0,
        `notifications for ids never registered: ${show(others.map((n) => n.method))}`,
      );
      checkNoRepeats(client);
    },
  },
  {
    id: 'CK-39',
    title: 'registering an id twice notifies once; after unregister no more notifications arrive',
    area: 'events',
    card: 'normal',
    changesCard: true,
    async run(ctx) {
      const client = await ctx.connect({ label: 'app' });
      await register(client, 'conformance.twice');
      await register(client, 'conformance.twice');
      const removal = mark(client);
      await ctx.stage.remove();
      await announced(ctx, client, 'conformance.twice', 'absent', removal, 'removal');
      await new Promise((resolve) => setTimeout(resolve, 300));
      checkNoRepeats(client);
      await register(client, 'conformance.twice', 'unregister');
      const after = client.received.length;
      await ctx.stage.insert('normal');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const late = client.notifications(after);
      check(late.length === 0, `notifications after unregister: ${show(late.map((n) => n.method))}`);
    },
  },
  {
    id: 'CK-40',
    title: 'each connection gets notifications for its own ids only; one that did not register gets none',
    area: 'events',
    card: 'normal',
    changesCard: true,
    async run(ctx) {
      const a = await ctx.connect({ label: 'connection A' });
      const b = await ctx.connect({ label: 'connection B' });
      const c = await ctx.connect({ label: 'connection C (not registered)' });
      await register(a, 'conformance.a');
      await register(a, 'conformance.a2');
      await register(b, 'conformance.b');
      const since = { a: mark(a), b: mark(b) };
      await ctx.stage.insert('not-my-number-card');
      await announced(ctx, a, 'conformance.a', 'unsupported', since.a, 'a card that is not a My Number Card');
      await announced(ctx, a, 'conformance.a2', 'unsupported', since.a, 'the same card, second id');
      await announced(ctx, b, 'conformance.b', 'unsupported', since.b, 'a card that is not a My Number Card');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const foreign = [
        ...a.notifications().filter((n) => !/^conformance\.a2?\.statusChanged$/.test(n.method)),
        ...b.notifications().filter((n) => n.method !== 'conformance.b.statusChanged'),
        ...c.notifications(),
      ];
      check(
        foreign.length === 0,
        `notifications on the wrong connection: ${show(foreign.map((n) => n.method))}`,
      );
      for (const client of [a, b]) checkNoRepeats(client);
    },
  },
  {
    id: 'CK-61',
    title: `at most ${LIMITS.maxRegistrations} registered ids per connection: one more is -32602; the same id again, and after unregister, still work`,
    area: 'events',
    async run(ctx) {
      const client = await ctx.connect({ label: 'many ids' });
      const other = await ctx.connect({ label: 'another connection' });
      const id = (n: number) => `conformance.limit${n}`;
      for (let n = 1; n <= LIMITS.maxRegistrations; n++) await register(client, id(n));
      const extra = { event: 'statusChanged', id: id(LIMITS.maxRegistrations + 1) };
      errorOf(
        await client.call('register', extra),
        Code.PARAMS,
        `register of id ${LIMITS.maxRegistrations + 1}`,
      );
      await register(client, id(1)); // already registered: not a new one
      await register(other, extra.id); // the limit is per connection
      await register(client, id(1), 'unregister');
      await register(client, extra.id);
      errorOf(
        await client.call('register', { ...extra, id: id(1) }),
        Code.PARAMS,
        'register of a ninth id again',
      );
    },
  },
];

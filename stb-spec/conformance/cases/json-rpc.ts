/** JSON-RPC envelope handling: parse errors, invalid requests, sizes, unknown methods, ids, notifications. */
import { MAX_MESSAGE_BYTES } from '../../protocol';
import { CaseFailure, check, connected, show, type ConformanceCase } from '../case';
import type { KitClient } from '../client';
import type { Id } from '../message-checks';
import { Code, errorOf, resultOf, expectStillServing } from '../expect';

/** Sends a raw text frame and returns the answer with `id` (null: the next answer with id null). */
async function sendRaw(client: KitClient, frame: string | Buffer, id: Id, method?: string) {
  client.expect(id, method);
  client.sendText(frame);
  return client.reply(id);
}

const GET_STATUS = 'MyNumberCard.1.getStatus';
const request = (id: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: GET_STATUS, ...extra });

export const jsonRpcCases: ConformanceCase[] = [
  {
    id: 'CK-06',
    title: 'text that is not JSON is answered -32700 with id null, and the connection stays usable',
    area: 'json-rpc',
    run: connected(async (client) => {
      const frames = ['{"jsonrpc":"2.0","id":1,"method":', '{}x', "{'jsonrpc':'2.0'}", '', 'nul', '{"a":1,}'];
      for (const frame of frames)
        errorOf(await sendRaw(client, frame, null), Code.PARSE, `frame ${show(frame)}`);
      await expectStillServing(client, 'the parse errors');
    }),
  },
  {
    id: 'CK-07',
    title: 'a binary frame is answered -32700 with id null, and the connection stays usable',
    area: 'json-rpc',
    run: connected(async (client) => {
      client.sendBinary(Buffer.from(request(7)));
      errorOf(await client.reply(null), Code.PARSE, 'a valid request sent as a binary frame');
      await expectStillServing(client, 'the binary frame');
    }),
  },
  {
    id: 'CK-08',
    title:
      'a text frame that is not valid UTF-8 fails that connection (1007, RFC 6455 §8.1); the bridge serves on',
    area: 'json-rpc',
    run: connected(async (client, ctx) => {
      client.sendText(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])); // {"\xff\xfe"}
      const deadline = Date.now() + 5_000;
      while (client.closeCode === undefined && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      if (client.closeCode !== 1007) {
        throw new CaseFailure(
          `expected close code 1007 after invalid UTF-8, got ${client.closeCode ?? 'no close'}`,
        );
      }
      const next = await ctx.connect();
      resultOf(await next.call('getStatus'), 'getStatus on a new connection after the invalid UTF-8 frame');
    }),
  },
  {
    id: 'CK-09',
    title: 'invalid requests (wrong version, members, types, batches, bad ids) get -32600 with the right id',
    area: 'json-rpc',
    run: connected(async (client) => {
      const withId: [string, number][] = [
        [JSON.stringify({ jsonrpc: '1.0', id: 11, method: GET_STATUS }), 11],
        [JSON.stringify({ id: 12, method: GET_STATUS }), 12],
        [JSON.stringify({ jsonrpc: '2.0', id: 13 }), 13],
        [JSON.stringify({ jsonrpc: '2.0', id: 14, method: 5 }), 14],
        [JSON.stringify({ jsonrpc: '2.0', id: 15, method: '' }), 15],
        [request(16, { params: 'x' }), 16],
        [request(17, { params: 5 }), 17],
        [request(18, { extra: 1 }), 18],
        [JSON.stringify({ jsonrpc: '2.0', id: 19, method: `MyNumberCard.1.${'m'.repeat(250)}` }), 19],
      ];
      for (const [frame, id] of withId)
        errorOf(await sendRaw(client, frame, id), Code.REQUEST, `frame ${show(frame, 80)}`);
      const withNullId = [
        `[${request(20)}]`,
        '[]',
        request(null),
        request(1.5),
        request({ a: 1 }),
        request(true),
        '"hello"',
        '42',
        'null',
        JSON.stringify({ jsonrpc: '2.0', method: GET_STATUS, params: 'x' }),
      ];
      for (const frame of withNullId) {
        errorOf(
          await sendRaw(client, frame, null),
          Code.REQUEST,
          `frame ${show(frame, 80)} (answer id null)`,
        );
      }
      await expectStillServing(client, 'the invalid requests');
    }),
  },
  {
    id: 'CK-10',
    title:
      'a message over 64 KiB gets -32600 {maxBytes: 65536}; one of exactly 64 KiB is served; the connection stays usable',
    area: 'transport',
    run: connected(async (client) => {
      const pad = (id: number, size: number) => {
        const core = request(id);
        return core + ' '.repeat(size - Buffer.byteLength(core));
      };
      const tooBig = errorOf(
        await sendRaw(client, pad(31, MAX_MESSAGE_BYTES + 1), null),
        Code.REQUEST,
        '65 537 bytes',
      );
      check(
        (tooBig.data as { maxBytes?: number } | undefined)?.maxBytes === MAX_MESSAGE_BYTES,
        `the size error's data must be {"maxBytes": ${MAX_MESSAGE_BYTES}}, got ${show(tooBig.data)}`,
      );
      resultOf(
        await sendRaw(client, pad(32, MAX_MESSAGE_BYTES), 32, GET_STATUS),
        'a request of exactly 65 536 bytes',
      );
      resultOf(await sendRaw(client, pad(33, 60 * 1024), 33, GET_STATUS), 'a request of 60 KiB');
      await expectStillServing(client, 'the oversized message');
    }),
  },
  {
    id: 'CK-11',
    title: 'unknown methods, other versions and prototype names get -32601',
    area: 'json-rpc',
    run: connected(async (client) => {
      const methods = [
        'MyNumberCard.1.format',
        'MyNumberCard.2.getStatus',
        'MyNumberCard.1.getstatus',
        'Other.1.getStatus',
        'getStatus',
        'MyNumberCard.1.',
        'MyNumberCard.1.constructor',
        'MyNumberCard.1.__proto__',
        'MyNumberCard.1.hasOwnProperty',
        'MyNumberCard.1.readIndividualNumber',
      ];
      let id = 40;
      for (const method of methods) {
        const frame = JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: {} });
        errorOf(await sendRaw(client, frame, id), Code.METHOD, method);
      }
      await expectStillServing(client, 'the unknown methods');
    }),
  },
  {
    id: 'CK-17',
    title: 'notifications (requests without id) are never answered, not even with an error',
    area: 'json-rpc',
    run: connected(async (client) => {
      const before = client.received.length;
      const notifications = [
        { jsonrpc: '2.0', method: GET_STATUS },
        { jsonrpc: '2.0', method: 'MyNumberCard.1.nothing' },
        { jsonrpc: '2.0', method: 'MyNumberCard.1.getPinStatus', params: { pin: 'x' } },
        { jsonrpc: '2.0', method: 'MyNumberCard.1.readCertificate', params: { slot: 5 } },
      ];
      for (const notification of notifications) client.sendText(JSON.stringify(notification));
      const reply = await client.call('getStatus');
      resultOf(reply, 'getStatus after the notifications');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const extra = client.received.slice(before).filter(({ message }) => message !== reply);
      check(extra.length === 0, `the bridge answered notifications: ${show(extra.map((e) => e.message))}`);
    }),
  },
  {
    id: 'CK-18',
    title: 'ids come back with the same type and value, in results and in errors',
    area: 'json-rpc',
    run: connected(async (client) => {
      for (const id of ['abc', '', '42', 0, -7, Number.MAX_SAFE_INTEGER]) {
        resultOf(await client.call('getStatus', undefined, { id }), `getStatus with id ${show(id)}`);
        errorOf(
          await client.call('MyNumberCard.1.nothing', {}, { id: `e${id}` }),
          Code.METHOD,
          `error with id "e${id}"`,
        );
      }
    }),
  },
];

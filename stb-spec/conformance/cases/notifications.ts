/**
 * Requests without an id are JSON-RPC notifications: the bridge answers none of them and, for the
 * card's sake, acts on none of them. A bridge that ran an id-less sign would spend a PIN try the
 * caller never hears about.
 */
import { check, onNormalCardWith, show, type ConformanceCase } from '../case';
import { qualifiedName, type MethodName } from '../../protocol';
import {
  apdusDuring,
  authPins,
  requireTries,
  signParams,
  proveAuthPin,
  withRestore,
  expectStillServing,
} from '../expect';

/** Long enough for a bridge that started an id-less operation to have sent the card something. */
const SETTLE_MS = 500;

export const notificationCases: ConformanceCase[] = [
  {
    id: 'CK-60',
    title:
      'card operations sent without an id are never answered and never run: a wrong PIN so sent spends no try',
    area: 'json-rpc',
    ...onNormalCardWith({ authPin: true }, async (client, ctx) => {
      const reader = ctx.readerParam();
      await requireTries(ctx, client, 'auth', 3, 'before the id-less calls');
      await proveAuthPin(ctx, client);
      await withRestore(ctx, client, async () => {
        const notifications: [MethodName, Record<string, unknown>][] = [
          ['sign', signParams(ctx, authPins(ctx).wrong)],
          ['getPinStatus', { pin: 'auth', ...reader }],
          ['readCertificate', { slot: 'auth', ...reader }],
        ];
        const [, apdus] = await apdusDuring(ctx, async () => {
          for (const [method, params] of notifications)
            client.sendText(JSON.stringify({ jsonrpc: '2.0', method: qualifiedName(method), params }));
          // Answered after the bridge has read the notifications; getStatus never waits for the card.
          await expectStillServing(client, 'the id-less calls');
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        });
        const answers = client.untakenReplies();
        check(answers.length === 0, `the bridge answered id-less requests: ${show(answers)} (BR-RPC-11)`);
        if (apdus)
          check(
            apdus.length === 0,
            `the id-less requests sent ${apdus.length} APDUs to the card (BR-RPC-11)`,
          );
        await requireTries(ctx, client, 'auth', 3, 'after an id-less sign with a wrong PIN (BR-RPC-11)');
      });
    }),
  },
];

/**
 * The last try is spent only on the viewer's word: at one try left, only the one-time value the
 * bridge handed out (on this connection, for this PIN, unused) lets a PIN reach the card. Every
 * probe that a broken bridge would let through carries the RIGHT PIN, so such a bridge restores the
 * counter instead of locking the card (and the counter check catches it), and these cases run only
 * on cards the kit makes (virtual card, simulator).
 */
import { randomBytes } from 'node:crypto';
import { check, connected, type ConformanceCase } from '../case';
import {
  Code,
  authPins,
  confirmedCall,
  errorOf,
  requireTries,
  resultOf,
  signParams,
  signPins,
  refusedAtLastTry,
  withRestore,
} from '../expect';

export const lastTryCases: ConformanceCase[] = [
  {
    id: 'CK-53',
    title:
      'one try left: a bare confirmLastAttempt true, another connection’s value or a made-up one spends nothing',
    area: 'errors',
    card: 'last-try',
    needs: { authPin: true },
    optionalIn: ['interactive'],
    async run(ctx) {
      const first = await ctx.connect({ label: 'connection 1' });
      const second = await ctx.connect({ label: 'connection 2' });
      const { right } = authPins(ctx);
      await requireTries(ctx, first, 'auth', 1, 'on the last-try card');
      await withRestore(ctx, first, async () => {
        const bare = await refusedAtLastTry(
          ctx,
          () => first.call('sign', signParams(ctx, right, { confirmLastAttempt: true })),
          'confirmLastAttempt: true (BR-MTH-6)',
        );
        await requireTries(ctx, first, 'auth', 1, 'after a bare true (the counter must not move)');
        const foreign = await refusedAtLastTry(
          ctx,
          () => second.call('sign', signParams(ctx, right, { confirmLastAttempt: bare })),
          'connection 2 presenting the value connection 1 was given (BR-MTH-6)',
          [bare],
        );
        await requireTries(ctx, first, 'auth', 1, 'after another connection’s value');
        const madeUp = randomBytes(32).toString('base64url');
        const latest = await refusedAtLastTry(
          ctx,
          () => first.call('sign', signParams(ctx, right, { confirmLastAttempt: madeUp })),
          'a well-formed value the bridge never handed out (BR-MTH-6)',
          [bare, foreign],
        );
        await requireTries(ctx, first, 'auth', 1, 'after a made-up value');
        resultOf(
          await first.call('sign', signParams(ctx, right, { confirmLastAttempt: latest })),
          'the right PIN with the value this connection was just given',
        );
        await requireTries(ctx, first, 'auth', 3, 'after the confirmed right PIN');
      });
    },
  },
  {
    id: 'CK-54',
    title: 'one try left: a confirmation value works once, and only for the PIN it was given for',
    area: 'errors',
    card: 'last-try',
    needs: { authPin: true, signPin: true },
    optionalIn: ['interactive'],
    run: connected(async (client, ctx) => {
      const auth = authPins(ctx);
      const sign = signPins(ctx);
      const read = (pin: string, extra: Record<string, unknown> = {}) =>
        client.call('readSignCertificate', { pin, ...extra, ...ctx.readerParam() });
      await requireTries(ctx, client, 'auth', 1, 'on the last-try card');
      await withRestore(ctx, client, async () => {
        const value = await refusedAtLastTry(
          ctx,
          () => client.call('sign', signParams(ctx, auth.right)),
          'sign',
        );
        resultOf(
          await client.call('sign', signParams(ctx, auth.right, { confirmLastAttempt: value })),
          'the right PIN with the one-time value',
        );
        await requireTries(ctx, client, 'auth', 3, 'after the confirmed right PIN');
        for (const left of [2, 1]) {
          const error = errorOf(
            await client.call('sign', signParams(ctx, auth.wrong)),
            Code.PIN_INCORRECT,
            `wrong PIN ${3 - left} (back to the last try)`,
          );
          check((error.data as { triesLeft?: number }).triesLeft === left, `triesLeft must be ${left}`);
        }
        await refusedAtLastTry(
          ctx,
          () => client.call('sign', signParams(ctx, auth.right, { confirmLastAttempt: value })),
          'the same value a second time (BR-MTH-6)',
          [value],
        );
        await requireTries(ctx, client, 'auth', 1, 'after the reused value');

        await requireTries(ctx, client, 'sign', 5, 'before the wrong passwords');
        resultOf(await read(sign.right), 'readSignCertificate with --sign-pin (proving it first)');
        for (const left of [4, 3, 2, 1]) {
          await requireTries(ctx, client, 'sign', left + 1, `before wrong password ${5 - left}`);
          errorOf(await read(sign.wrong), Code.PIN_INCORRECT, `wrong password ${5 - left}`);
        }
        const forSign = await refusedAtLastTry(
          ctx,
          () => read(sign.right),
          'readSignCertificate at one try left',
        );
        const forAuth = await refusedAtLastTry(
          ctx,
          () => client.call('sign', signParams(ctx, auth.right, { confirmLastAttempt: forSign })),
          'the auth PIN with the value given for the sign password (BR-MTH-6)',
          [forSign],
        );
        await refusedAtLastTry(
          ctx,
          () => read(sign.right, { confirmLastAttempt: forAuth }),
          'the sign password with the value given for the auth PIN (BR-MTH-6)',
          [forSign, forAuth],
        );
        await requireTries(ctx, client, 'auth', 1, 'after the other PIN’s value');
        await requireTries(ctx, client, 'sign', 1, 'after the other PIN’s value');
        resultOf(
          await confirmedCall(client, 'sign', signParams(ctx, auth.right)),
          'the right PIN, confirmed',
        );
        resultOf(
          await confirmedCall(client, 'readSignCertificate', { pin: sign.right, ...ctx.readerParam() }),
          'the right password, confirmed',
        );
        await requireTries(ctx, client, 'auth', 3, 'after the confirmed right PIN');
        await requireTries(ctx, client, 'sign', 5, 'after the confirmed right password');
      });
    }),
  },
];

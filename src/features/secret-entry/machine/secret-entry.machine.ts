/**
 * The secret entry on its own: one secret (the PIN or the signature password) typed, sent to the
 * card through an injected `submit` actor, and what the card answers, with nothing else around it.
 * Built from the same pieces as login's and registration's signing states (secret-entry.ts), so
 * its model test checks the secret's rules once for every flow that signs; a later signing step
 * whose screen can follow a child actor may invoke it as it is. `submit` gets the wrapped secret
 * and, only on the call the warning's CONFIRM sends, the bridge's one-time value.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { toFlowError, type FlowError } from '../../../machines/errors';
import type { PinStatus } from '../../../machines/ports';
import type { Secret } from '../../../machines/secret';
import { notProvided } from '../../../machines/ports';
import { failWith, signingActions } from './card-flow';
import type { SecretEntryEvent, SecretKind, SecretSlot } from './secret-entry';
import * as secretEntry from './secret-entry';

interface SecretEntryInput {
  /** The card's count, when the flow read it before the entry opened. */
  status?: PinStatus | undefined;
  /** What the flow wants signed (plain data), handed to `submit` with the secret. */
  request?: unknown;
}

interface SecretEntryMachineContext {
  typed: string;
  /** The secret on its way to the card, until the card answers (wrapped: it never serialises). */
  held: Secret | undefined;
  /** The bridge's one-time value for the last try, from its refusal until the confirmed call answers. */
  confirmation: string | undefined;
  status: PinStatus | undefined;
  request: unknown;
  error: FlowError | undefined;
}

export interface SubmitInput {
  secret: Secret;
  confirmLastAttempt?: string;
  /** The flow's request, as it was given in the entry's input (left out without one). */
  request?: unknown;
}

/**
 * `signed`: the card's answer; `locked`: no try left; `failed`: the card could not be asked (the
 * flow around it decides: another card, removed, bridge down), with `tryMayBeSpent` when the call
 * was cut off during the VERIFY (the count must be read again); `cancelled`: the viewer left.
 */
export type SecretEntryOutput =
  | { outcome: 'signed'; output: unknown }
  | { outcome: 'locked' }
  | { outcome: 'failed'; error: FlowError; tryMayBeSpent: boolean }
  | { outcome: 'cancelled' };

type Context = SecretEntryMachineContext;

const slot = (kind: SecretKind): SecretSlot<Context> => ({
  kind,
  typed: 'typed',
  held: 'held',
  confirmation: 'confirmation',
  status: 'status',
  wrongMessage: kind === 'pin' ? 'pinIncorrect' : 'signPasswordIncorrect',
});

/** The entry for one kind of secret: the PIN (DIGIT) or the signature password (CHAR). */
function createSecretEntryMachine(kind: SecretKind) {
  const slots = { secret: slot(kind) };
  return setup({
    types: {
      context: {} as Context,
      input: {} as SecretEntryInput | undefined,
      events: {} as SecretEntryEvent,
      output: {} as SecretEntryOutput,
    },
    actors: { submit: fromPromise<unknown, SubmitInput>(notProvided('submit')) },
    actions: {
      ...signingActions<Context, SecretEntryEvent>(slots),
      /** Cut off during the VERIFY: the count is unknown until the flow reads it again. */
      forgetStatus: assign({ status: undefined }),
    },
    guards: secretEntry.secretEntryGuards<Context, SecretEntryEvent>(slots),
  }).createMachine({
    id: `${kind}Entry`,
    context: ({ input }) => ({
      typed: '',
      held: undefined,
      confirmation: undefined,
      status: input?.status,
      request: input?.request,
      error: undefined,
    }),
    initial: 'typing',
    output: ({ event }) => (event as unknown as DoneActorEvent<SecretEntryOutput>).output,
    states: {
      typing: {
        on: {
          ...secretEntry.typingKeys(slots, 'secret', { target: 'cancelled' }),
          OK: { guard: secretEntry.secretComplete('secret'), target: 'submitting' },
          CANCEL: 'cancelled',
        },
      },
      confirmingLastAttempt: {
        on: {
          ...secretEntry.lastTryKeys('secret', { confirm: 'submitting', back: 'typing' }),
          CANCEL: 'cancelled',
        },
      },
      submitting: secretEntry.signingState(
        slots,
        'secret',
        {
          src: 'submit',
          input: (context, value, lastTry): SubmitInput => ({
            secret: value,
            ...lastTry,
            ...(context.request === undefined ? {} : { request: context.request }),
          }),
        },
        {
          signed: { target: 'signed' },
          locked: 'locked',
          wrong: { target: 'typing' },
          lastTry: { target: 'confirmingLastAttempt' },
          maySpend: { target: 'countUnknown', actions: ['setError', 'forgetStatus'] },
          otherwise: [
            { guard: failWith('pinLocked'), target: 'locked' },
            { target: 'failed', actions: 'setError' },
          ],
        },
      ),
      signed: {
        type: 'final',
        output: ({ event }) => ({
          outcome: 'signed' as const,
          output: (event as unknown as DoneActorEvent<unknown>).output,
        }),
      },
      locked: {
        type: 'final',
        entry: { type: 'clearSecret', params: { secret: 'secret' } },
        output: { outcome: 'locked' as const },
      },
      failed: failed(false),
      countUnknown: failed(true),
      cancelled: {
        type: 'final',
        entry: { type: 'clearSecret', params: { secret: 'secret' } },
        output: { outcome: 'cancelled' as const },
      },
    },
  });
}

/** The card could not be asked, or was cut off asking (then the count must be read again). */
function failed(tryMayBeSpent: boolean) {
  return {
    type: 'final' as const,
    entry: { type: 'clearSecret' as const, params: { secret: 'secret' as const } },
    output: ({ event }: { event: unknown }) => ({
      outcome: 'failed' as const,
      error: toFlowError((event as { error?: unknown }).error),
      tryMayBeSpent,
    }),
  };
}

export const pinEntryMachine = createSecretEntryMachine('pin');
export const passwordEntryMachine = createSecretEntryMachine('password');

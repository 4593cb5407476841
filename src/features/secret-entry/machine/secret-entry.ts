/**
 * Entering a secret for the card, written once for every flow that signs: the 4-digit auth PIN
 * (number keys) and the 6–16 character signature password (A–Z 0–9 on the on-screen keypad).
 * A flow keeps each secret in four context fields, named by its slot (typed text, the wrapped value
 * on its way to the card, the bridge's last-try value, the card's count), and builds its states from
 * the pieces here: the keys while typing, the sign state's hold and its answers, the last-try
 * warning. secret-entry.machine.ts puts the pieces together on their own, for the model test.
 * Rules that protect the viewer's tries, kept by these pieces:
 * - the sign call is never repeated on its own: every try is one the viewer asked for with OK;
 * - the last try is spent only on the viewer's word: OK sends the secret without a confirmation, and
 *   a bridge at one try left refuses it (LAST_ATTEMPT_NEEDS_CONFIRMATION) without touching the card,
 *   answering a one-time value. The warning then shows, and only its CONFIRM sends the secret again
 *   with that value. A value that ran out brings the warning back with the fresh one; BACK or
 *   CANCEL drops the value and the secret;
 * - the secret is in context as text only while typed (and while the warning shows): it leaves the
 *   typed field in the same macrostep that hands it to the card actor (`holdSecret` runs in the
 *   sign state's `always`, after the invoke's input has read it), wrapped (it never serialises)
 *   until the card answers, so a last-try refusal can give it back for the CONFIRM; every way out
 *   clears it.
 */
import { assign, type EventObject } from 'xstate';
import {
  canAddPasswordChar,
  canAddPinDigit,
  dropLast,
  isPasswordComplete,
  isPinComplete,
} from '../../../machines/entry';
import {
  confirmationOf,
  errorIs,
  toFlowError,
  tryMayBeSpent,
  type FlowError,
} from '../../../machines/errors';
import type { MessageKey } from '../../../machines/messages';
import type { PinStatus } from '../../../machines/ports';
import { secret, type Secret } from '../../../machines/secret';

/** The PIN is typed with the number keys (DIGIT), the password on the keypad (CHAR). */
export type SecretKind = 'pin' | 'password';

/** What the viewer does in a secret entry: a key, BACK, OK, the warning's CONFIRM, CANCEL. */
export type SecretEntryEvent =
  | { type: 'DIGIT'; digit: string }
  | { type: 'CHAR'; char: string }
  | { type: 'BACK' }
  | { type: 'OK' }
  | { type: 'CONFIRM' }
  | { type: 'CANCEL' };

/** Where a flow keeps one secret: the names of its context fields, and how a wrong one is told. */
export interface SecretSlot<C> {
  kind: SecretKind;
  typed: keyof C & string;
  held: keyof C & string;
  confirmation: keyof C & string;
  status: keyof C & string;
  wrongMessage: MessageKey;
}

/** What every flow with a secret has in context besides the slots. */
export interface SecretEntryContext {
  error: FlowError | undefined;
}

type Slots<C> = Record<string, SecretSlot<C>>;
/** Which of the flow's secrets an action or guard is about (the flow's slot name). */
export interface SecretParams<S extends string = string> {
  secret: S;
}
type ErrorEvent = { event: { error?: unknown } };

const RULES = {
  pin: {
    /** Only the kind's own key event reaches the slot's actions and guards. */
    keyOf: (event: unknown) => (event as { digit: string }).digit,
    canAdd: canAddPinDigit,
    isComplete: isPinComplete,
  },
  password: {
    keyOf: (event: unknown) => (event as { char: string }).char,
    canAdd: canAddPasswordChar,
    isComplete: isPasswordComplete,
  },
} as const;

/** The card's count when the bridge asks for the viewer's confirmation: one left. */
const lastTryStatus = (status: PinStatus | undefined): PinStatus => ({
  maxTries: status?.maxTries ?? 3,
  triesLeft: 1,
  locked: false,
});

/** The card's count after a wrong entry: the card's own count is the truth from now on. */
const statusAfter = (status: PinStatus | undefined, error: unknown): PinStatus => ({
  maxTries: status?.maxTries ?? 3,
  triesLeft: toFlowError(error).triesLeft ?? 1,
  locked: false,
});

const errorOf = (event: unknown): unknown => (event as { error?: unknown }).error;

/** `confirmLastAttempt` for the sign call's input: only when the viewer confirmed the warning. */
const lastTryConfirmation = (value: string | undefined): { confirmLastAttempt?: string } =>
  value === undefined ? {} : { confirmLastAttempt: value };

/** The named actions a flow's setup takes for its slots; each takes `{ secret: <slot name> }`. */
export function secretEntryActions<C extends SecretEntryContext, E extends EventObject>(slots: Slots<C>) {
  const fields = (context: C, name: string) => {
    const slot = slots[name]!;
    return {
      slot,
      typed: context[slot.typed] as string,
      status: context[slot.status] as PinStatus | undefined,
    };
  };
  const action = (
    change: (
      context: C,
      event: E,
      slot: SecretSlot<C>,
      typed: string,
      status: PinStatus | undefined,
    ) => object,
  ) =>
    assign<C, E, SecretParams, E, never>(({ context, event }, { secret: name }) => {
      const { slot, typed, status } = fields(context, name);
      return change(context, event, slot, typed, status) as Partial<C>;
    });
  return {
    addKey: action((_, event, slot, typed) => ({
      [slot.typed]: typed + RULES[slot.kind].keyOf(event),
      error: undefined,
    })),
    dropKey: action((_, __, slot, typed) => ({ [slot.typed]: dropLast(typed) })),
    /** Runs in the step whose invoke read the typed text: from here on it is only the wrapped value. */
    holdSecret: action((_, __, slot, typed) => ({ [slot.held]: secret(typed), [slot.typed]: '' })),
    /** The card answered: the secret it was given and the value it spent are no longer needed. */
    settleSecret: action((_, __, slot) => ({ [slot.held]: undefined, [slot.confirmation]: undefined })),
    /** Wrong: the error line with the card's count; the viewer types it again. */
    wrongSecret: action((_, event, slot, __, status) => ({
      [slot.held]: undefined,
      [slot.confirmation]: undefined,
      [slot.status]: statusAfter(status, errorOf(event)),
      error: { ...toFlowError(errorOf(event)), messageKey: slot.wrongMessage } satisfies FlowError,
    })),
    /**
     * The bridge refused the last try until the viewer confirms: the secret comes back for the
     * CONFIRM, with the bridge's fresh value; the warning says it all, so no error line under it.
     */
    askToConfirm: action((context, event, slot, __, status) => ({
      // Held since the sign state took it: every try goes out of that state.
      [slot.typed]: (context[slot.held] as Secret).reveal(),
      [slot.held]: undefined,
      [slot.confirmation]: confirmationOf(errorOf(event)),
      [slot.status]: lastTryStatus(status),
      error: undefined,
    })),
    clearSecret: action((_, __, slot) => ({
      [slot.typed]: '',
      [slot.held]: undefined,
      [slot.confirmation]: undefined,
    })),
  };
}

/** The named guards a flow's setup takes for its slots; each takes `{ secret: <slot name> }`. */
export function secretEntryGuards<C extends SecretEntryContext, E extends EventObject>(slots: Slots<C>) {
  const typed = (context: C, name: string) => context[slots[name]!.typed] as string;
  const rules = (name: string) => RULES[slots[name]!.kind];
  return {
    canAddKey: ({ context, event }: { context: C; event: E }, { secret: name }: SecretParams) =>
      rules(name).canAdd(typed(context, name), rules(name).keyOf(event)),
    secretComplete: ({ context }: { context: C }, { secret: name }: SecretParams) =>
      rules(name).isComplete(typed(context, name)),
    secretEmpty: ({ context }: { context: C }, { secret: name }: SecretParams) => typed(context, name) === '',
    secretTyped: ({ context }: { context: C }, { secret: name }: SecretParams) => typed(context, name) !== '',
  };
}

const params = <S extends string>(name: S) => ({ secret: name });
const ref = <const T extends string, const S extends string>(type: T, name: S) => ({
  type,
  params: params(name),
});

/** A transition's target and the flow's own actions on it (the slot's come first). */
export interface Step<A> {
  target: string;
  actions?: A | readonly A[];
}
export const actionsOf = <A>(step: Step<A>): A[] =>
  step.actions === undefined
    ? []
    : Array.isArray(step.actions)
      ? [...(step.actions as readonly A[])]
      : [step.actions as A];

/** The guard for OK: the secret is complete (4 digits; 6–16 characters). */
export const secretComplete = <const S extends string>(name: S) => ref('secretComplete', name);

/**
 * The keys while a secret is typed: a digit or character that fits is added (and the error line
 * goes); BACK takes the last one, or with nothing typed goes where `whenEmpty` says. OK is the
 * flow's (it knows what comes next): guard it with `secretComplete`.
 */
export function typingKeys<C, const S extends string, const A = never>(
  slots: Readonly<Record<S, SecretSlot<C>>>,
  name: S,
  whenEmpty: Step<A>,
) {
  const add = { guard: ref('canAddKey', name), actions: ref('addKey', name) };
  const back = [
    { guard: ref('secretEmpty', name), target: whenEmpty.target, actions: actionsOf(whenEmpty) },
    { actions: ref('dropKey', name) },
  ];
  return slots[name].kind === 'pin' ? { DIGIT: add, BACK: back } : { CHAR: add, BACK: back };
}

/** The sign state's `always`: the typed text leaves context in the step that handed it to the card. */
const holdSecret = <const S extends string>(name: S) => ({
  guard: ref('secretTyped', name),
  actions: ref('holdSecret', name),
});

/** The sign call's answer: the held secret and the spent value go, then the flow's own actions. */
const signed = <const S extends string, const A = never>(name: S, next: Step<A>) => ({
  target: next.target,
  actions: [ref('settleSecret', name), ...actionsOf(next)],
});

/**
 * The sign call's failures that are about the secret, in the order they are told apart: wrong with
 * none left (locked), wrong (typed again, with the card's count), the last-try warning, and a call
 * cut off during VERIFY (nobody knows whether a try was spent: the flow reads the count again).
 * The flow appends what is not about the secret (card removed, bridge down, another card).
 */
/** Where each failure about the secret goes (each step with the flow's own actions). */
export interface SecretFailureSteps<W, L, M> {
  locked: string;
  wrong: Step<W>;
  lastTry: Step<L>;
  maySpend: Step<M>;
}

function secretFailures<const S extends string, const W = never, const L = never, const M = never>(
  name: S,
  on: SecretFailureSteps<W, L, M>,
) {
  return [
    {
      guard: ({ event }: ErrorEvent) =>
        errorIs(event, 'pinIncorrect') && toFlowError(event.error).triesLeft === 0,
      target: on.locked,
    },
    {
      guard: ({ event }: ErrorEvent) => errorIs(event, 'pinIncorrect'),
      target: on.wrong.target,
      actions: [ref('wrongSecret', name), ...actionsOf(on.wrong)],
    },
    // One try left (known, stale or a value that ran out): the warning, with the bridge's value.
    {
      guard: ({ event }: ErrorEvent) => errorIs(event, 'lastAttempt'),
      target: on.lastTry.target,
      actions: [ref('askToConfirm', name), ...actionsOf(on.lastTry)],
    },
    {
      guard: ({ event }: ErrorEvent) => tryMayBeSpent(event.error),
      target: on.maySpend.target,
      actions: actionsOf(on.maySpend),
    },
  ];
}

/**
 * A flow's sign state for one secret: the card call, given the secret wrapped and (only after the
 * warning's CONFIRM) the bridge's value; the hold that takes the typed text out of context in the
 * same step; the answer, and the failures about the secret. `otherwise`: the flow's own routes for
 * the rest (another card, removed, bridge down).
 */
export function signingState<
  C,
  const S extends string,
  const Src extends string,
  I,
  const D = never,
  const W = never,
  const L = never,
  const M = never,
  const F = never,
>(
  slots: Readonly<Record<S, SecretSlot<C>>>,
  name: S,
  call: { src: Src; input: (context: C, secret: Secret, lastTry: { confirmLastAttempt?: string }) => I },
  on: SecretFailureSteps<W, L, M> & { signed: Step<D>; otherwise: readonly F[] },
) {
  const slot = slots[name];
  return {
    invoke: {
      id: call.src,
      src: call.src,
      input: ({ context }: { context: C }): I =>
        call.input(
          context,
          secret(context[slot.typed] as string),
          lastTryConfirmation(context[slot.confirmation] as string | undefined),
        ),
      onDone: signed(name, on.signed),
      onError: [...secretFailures(name, on), ...on.otherwise],
    },
    // The input above already holds the secret: it leaves the typed field in this same macrostep.
    always: holdSecret(name),
  };
}

/** The last-try warning's keys: the bridge's value is in context; only CONFIRM sends it, with the secret. */
export function lastTryKeys<const S extends string, const C>(name: S, on: { confirm: C; back: string }) {
  return {
    CONFIRM: on.confirm,
    BACK: { target: on.back, actions: ref('clearSecret', name) },
  };
}

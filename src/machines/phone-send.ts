/**
 * 「スマートフォンに送る」 on a feature's screen (a booking made, a checkup, a notice): the screen
 * hands the text it shows; the flow sends it to the phone paired now and says 送りました, or that no
 * phone is paired (PAIR_PHONE ends the flow for the session to open pairing), or that sending
 * failed (RETRY). BACK returns to the screen it was sent from. The session's end ends the flow, as
 * every platform call does.
 */
import { assign, fromPromise, type EventObject } from 'xstate';
import { errorIs, type SessionEndReason } from './errors';
import { notProvided, type PhoneItem } from './ports';

export type PhoneSendEvent = { type: 'SEND_TO_PHONE'; item: PhoneItem } | { type: 'PAIR_PHONE' };

/** The item a flow keeps while sending (RETRY sends it again). */
export interface PhoneSendContext {
  phoneItem: PhoneItem | undefined;
}

/** The event that starts it: `{ SEND_TO_PHONE: sendToPhone(target) }` on the screen's state. */
export const sendToPhone = <const T extends string>(target: T) => ({
  target,
  actions: 'keepPhoneItem' as const,
});

/** The actor a flow's setup declares for the send; the session provides it. */
export const phoneSendActors = {
  sendToPhone: fromPromise<unknown, PhoneItem>(notProvided('sendToPhone')),
};

export function phoneSendActions<C extends PhoneSendContext, E extends EventObject>() {
  return {
    keepPhoneItem: assign<C, E, undefined, E, never>(
      ({ event }) => ({ phoneItem: (event as { item?: PhoneItem }).item }) as Partial<C>,
    ),
    forgetPhoneItem: assign<C, E, undefined, E, never>(() => ({ phoneItem: undefined }) as Partial<C>),
  };
}

/** The states of one send; `back` is the screen it was sent from (by id). */
export const phoneSendStates = <const B extends string>(flowId: string, back: B) => ({
  initial: 'sending' as const,
  exit: 'forgetPhoneItem' as const,
  states: {
    sending: {
      invoke: {
        id: 'sendToPhone',
        src: 'sendToPhone' as const,
        input: ({ context }: { context: PhoneSendContext }) => context.phoneItem!,
        onDone: { target: 'sent' as const },
        onError: [
          {
            guard: ({ event }: { event: { error?: unknown } }) => errorIs(event, 'sessionExpired'),
            target: `#${flowId}.sessionExpired`,
            actions: 'noteSessionEnd' as const,
          },
          {
            guard: ({ event }: { event: { error?: unknown } }) => errorIs(event, 'notPaired'),
            target: 'notPaired' as const,
          },
          { target: 'failed' as const, actions: 'setError' as const },
        ],
      },
    },
    sent: { on: { OK: back, BACK: back } },
    notPaired: { on: { PAIR_PHONE: `#${flowId}.pairPhone`, BACK: back } },
    failed: { on: { RETRY: 'sending' as const, BACK: back } },
  },
});

/** The final state PAIR_PHONE goes to: the session opens pairing; `entry` forgets what the flow held. */
export const pairPhoneState = <const A extends string>(entry: A) =>
  ({ type: 'final', entry, output: { outcome: 'pairPhone' as const } }) as const;

/**
 * A sending flow's ends: pairing (as above), closed, or with the session (its reason kept for the
 * signed-out screen); `entry` forgets what the flow held.
 */
export const flowEndStates = <const A extends string>(entry: A) => ({
  pairPhone: pairPhoneState(entry),
  closed: { type: 'final' as const, entry, output: { outcome: 'closed' as const } },
  sessionExpired: {
    type: 'final' as const,
    entry,
    output: ({ context }: { context: { sessionEnd: SessionEndReason | undefined } }) => ({
      outcome: 'sessionExpired' as const,
      reason: context.sessionEnd,
    }),
  },
});

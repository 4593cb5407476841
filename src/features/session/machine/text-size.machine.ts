/**
 * The viewer's text size between the box and their platform profile. The box always has the size
 * (the shell applies and stores it); this flow keeps the profile in step while someone is logged
 * in, and brings the profile's size to a box at login:
 * - at login, a size the viewer chose on this box while logged out (at the card prompt, so they
 *   could read it) is the newest choice and is saved to the profile; otherwise the profile's size,
 *   if it has one, is applied (`applyTextSize`);
 * - a size chosen while logged in is saved; a newer choice while saving replaces the save;
 * - a failed save is tried once more after a pause, then left: the box keeps the size, and the next
 *   choice or login saves it. Nothing is shown: the viewer sees the size they chose either way.
 */
import { assign, emit, fromPromise, setup } from 'xstate';
import { notProvided, type Profile, type TextSizeChoice } from '../../../machines/ports';

export type TextSizeEvent =
  { type: 'SIGNED_IN'; profile: Profile } | { type: 'SIGNED_OUT' } | { type: 'CHOSEN'; size: TextSizeChoice };

export type TextSizeEmitted = { type: 'applyTextSize'; size: TextSizeChoice };

interface TextSizeContext {
  /** The size to save (the viewer's latest choice not yet in the profile). */
  unsaved: TextSizeChoice | undefined;
  /** Saves tried for `unsaved` so far. */
  tries: number;
}

/** A failed save waits this long, then is tried again once. */
export const SAVE_RETRY_MS = 30_000;
const MAX_TRIES = 2;

export const textSizeMachine = setup({
  types: {
    context: {} as TextSizeContext,
    events: {} as TextSizeEvent,
    emitted: {} as TextSizeEmitted,
  },
  actors: {
    saveTextSize: fromPromise<void, { textSize: TextSizeChoice }>(notProvided('saveTextSize')),
  },
  actions: {
    choose: assign(({ event }) => ({ unsaved: event.type === 'CHOSEN' ? event.size : undefined, tries: 0 })),
    applyProfileSize: emit(({ event }) => ({
      type: 'applyTextSize' as const,
      size: (event.type === 'SIGNED_IN' && event.profile.preferences?.textSize) || 'standard',
    })),
    countTry: assign({ tries: ({ context }) => context.tries + 1 }),
    saved: assign({ unsaved: undefined, tries: 0 }),
  },
  guards: {
    choseWhileSignedOut: ({ context }) => context.unsaved !== undefined,
    profileHasSize: ({ event }) => event.type === 'SIGNED_IN' && !!event.profile.preferences?.textSize,
    mayTryAgain: ({ context }) => context.tries < MAX_TRIES,
  },
}).createMachine({
  id: 'textSize',
  context: { unsaved: undefined, tries: 0 },
  initial: 'signedOut',
  states: {
    signedOut: {
      on: {
        CHOSEN: { actions: 'choose' },
        SIGNED_IN: [
          { guard: 'choseWhileSignedOut', target: 'signedIn.saving' },
          { guard: 'profileHasSize', target: 'signedIn.idle', actions: 'applyProfileSize' },
          { target: 'signedIn.idle' },
        ],
      },
    },
    signedIn: {
      initial: 'idle',
      on: {
        SIGNED_OUT: { target: 'signedOut', actions: 'saved' },
        CHOSEN: { target: '.saving', reenter: true, actions: 'choose' },
      },
      states: {
        idle: {},
        saving: {
          entry: 'countTry',
          invoke: {
            id: 'saveTextSize',
            src: 'saveTextSize',
            input: ({ context }) => ({ textSize: context.unsaved ?? 'standard' }),
            onDone: { target: 'idle', actions: 'saved' },
            onError: [{ guard: 'mayTryAgain', target: 'waitingToRetry' }, { target: 'idle' }],
          },
        },
        waitingToRetry: {
          after: { [SAVE_RETRY_MS]: 'saving' },
        },
      },
    },
  },
});

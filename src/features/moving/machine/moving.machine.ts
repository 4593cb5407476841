/**
 * Telling services of a move (住所変更ワンストップ): the viewer agrees to the fetch of the latest basic
 * information (最新4情報), sees the new address beside the address each linked service holds and
 * ticks the services to tell, reads the summary and gives 本人同意 with the signature password (the
 * secret entry, invoked as it is: its keys are forwarded to it). The request is signed once and
 * sent with an idempotency key made when the signature is ready: RETRY after a failure sends the
 * same signed request with the same key, so a request that did arrive is not made twice. Then each
 * service's status is fetched again every `pollMs` until all are final; leaving stops it (the
 * result also arrives in the お知らせ inbox).
 */
import { assign, fromPromise, sendTo, setup, type DoneActorEvent } from 'xstate';
import { newIdempotencyKey } from '../../../platform/resources/bookings';
import { errorIs, sessionEndReasonOf, type FlowError } from '../../../machines/errors';
import { failureActions, flowTypes } from '../../../machines/feature-flow';
import type { FailureContext } from '../../../machines/feature-flow';
import {
  notProvided,
  type AddressChange,
  type AddressChangeInput,
  type CreateAddressChangeInput,
  type FeatureOutput,
  type LinkedService,
  type MoveDetails,
  type PinStatus,
  type ReadPinStatusInput,
  type SignedConsent,
} from '../../../machines/ports';
import {
  passwordEntryMachine,
  type SecretEntryOutput,
} from '../../secret-entry/machine/secret-entry.machine';

export interface MovingInput {
  /** The card the session logged in with: the signature is asked of it alone. */
  cardId?: string | undefined;
  /** How often the services' status is fetched again while any is still on its way. */
  pollMs?: number;
}

export interface MovingContext extends FailureContext {
  cardId: string | undefined;
  pollMs: number;
  /** The address in the latest basic information (nothing else of it is kept). */
  newAddress: string | undefined;
  /** The viewer's linked services and what each holds. */
  services: LinkedService[] | undefined;
  chosen: string[];
  passwordStatus: PinStatus | undefined;
  signed: SignedConsent | undefined;
  idempotencyKey: string | undefined;
  addressChange: AddressChange | undefined;
  /** Shown on the choice screen when 次へ was pressed with nothing ticked. */
  nothingChosen: boolean;
}

export type MovingEvent =
  | { type: 'CONFIRM' }
  | { type: 'TOGGLE'; id: string }
  | { type: 'NEXT' }
  | { type: 'OK' }
  | { type: 'BACK' }
  | { type: 'CANCEL' }
  | { type: 'RETRY' }
  | { type: 'DIGIT'; digit: string }
  | { type: 'CHAR'; char: string };

const DEFAULT_POLL_MS = 3000;

/** A service already holding the new address needs no telling. */
export const upToDate = (service: LinkedService, newAddress: string | undefined): boolean =>
  newAddress !== undefined && service.heldAddress?.normalize('NFC') === newAddress.normalize('NFC');

/** Every service answered finally: nothing more to fetch. */
const isFinal = (change: AddressChange | undefined): boolean =>
  change !== undefined && change.status !== 'inProgress';

const entryOutput = (event: unknown) => (event as DoneActorEvent<SecretEntryOutput>).output;
const forward = { actions: 'forwardToEntry' as const };
const sessionEnded = {
  guard: ({ event }: { event: { error?: unknown } }) => errorIs(event, 'sessionExpired'),
  target: '#moving.sessionExpired',
  actions: 'noteSessionEnd' as const,
};

export const movingMachine = setup({
  types: flowTypes<MovingContext, MovingEvent, FeatureOutput, MovingInput>(),
  actors: {
    fetchMoveDetails: fromPromise<MoveDetails>(notProvided('fetchMoveDetails')),
    readPinStatus: fromPromise<PinStatus, ReadPinStatusInput>(notProvided('readPinStatus')),
    passwordEntry: passwordEntryMachine,
    createAddressChange: fromPromise<AddressChange, CreateAddressChangeInput>(
      notProvided('createAddressChange'),
    ),
    loadAddressChange: fromPromise<AddressChange, AddressChangeInput>(notProvided('loadAddressChange')),
  },
  actions: {
    ...failureActions<MovingContext, MovingEvent>(),
    keepDetails: assign(({ event }) => {
      const { newAddress, services } = (event as unknown as DoneActorEvent<MoveDetails>).output;
      const linked = services.filter((service) => service.linked);
      return {
        newAddress,
        services: linked,
        // Every service still holding an old address is ticked to start with.
        chosen: linked.filter((service) => !upToDate(service, newAddress)).map((service) => service.id),
      };
    }),
    toggle: assign(({ context, event }) => {
      const id = event.type === 'TOGGLE' ? event.id : '';
      const chosen = context.chosen.includes(id)
        ? context.chosen.filter((chosenId) => chosenId !== id)
        : [...context.chosen, id];
      return { chosen, nothingChosen: false };
    }),
    keepChange: assign({
      addressChange: ({ event }) => (event as unknown as DoneActorEvent<AddressChange>).output,
    }),
    entryError: assign({
      error: ({ event }) => {
        const output = entryOutput(event);
        return output.outcome === 'failed' ? output.error : undefined;
      },
    }),
    /** The secret entry runs as a child: the viewer's keys are its keys. */
    forwardToEntry: sendTo('passwordEntry', ({ event }) => event),
    /** Cut off during the VERIFY: the count is read again before another try. */
    forgetCount: assign({ passwordStatus: undefined }),
  },
  guards: {
    toggleable: ({ context, event }) =>
      event.type === 'TOGGLE' &&
      (context.services ?? []).some((s) => s.id === event.id && !upToDate(s, context.newAddress)),
    anyChosen: ({ context }) => context.chosen.length > 0,
    final: ({ event }) => isFinal((event as unknown as DoneActorEvent<AddressChange>).output),
  },
  delays: { poll: ({ context }) => context.pollMs },
}).createMachine({
  id: 'moving',
  context: ({ input }) => ({
    cardId: input.cardId,
    pollMs: input.pollMs ?? DEFAULT_POLL_MS,
    newAddress: undefined,
    services: undefined,
    chosen: [],
    passwordStatus: undefined,
    signed: undefined,
    idempotencyKey: undefined,
    addressChange: undefined,
    nothingChosen: false,
    error: undefined,
    sessionEnd: undefined,
  }),
  initial: 'consent',
  output: ({ event }) => (event as unknown as DoneActorEvent<FeatureOutput>).output,
  states: {
    /** What is fetched and why; nothing is fetched before 同意する. */
    consent: { on: { CONFIRM: 'fetching', BACK: 'closed', CANCEL: 'closed' } },
    fetching: {
      entry: assign({ error: undefined }),
      invoke: {
        id: 'fetchMoveDetails',
        src: 'fetchMoveDetails',
        onDone: { target: 'choosing', actions: 'keepDetails' },
        onError: [sessionEnded, { target: 'fetchFailed', actions: 'setError' }],
      },
    },
    fetchFailed: { on: { RETRY: 'fetching', BACK: 'closed', CANCEL: 'closed' } },
    choosing: {
      on: {
        TOGGLE: { guard: 'toggleable', actions: 'toggle' },
        NEXT: [
          { guard: 'anyChosen', target: 'summary', actions: assign({ nothingChosen: false }) },
          { actions: assign({ nothingChosen: true }) },
        ],
        BACK: 'closed',
      },
    },
    /** The request as it will be signed; the password's count is read meanwhile (no secret needed). */
    summary: {
      entry: assign({ error: undefined }),
      invoke: {
        id: 'readPinStatus',
        src: 'readPinStatus',
        input: ({ context }) => ({ pin: 'sign' as const, cardId: context.cardId }),
        onDone: [
          { guard: ({ event }) => event.output.locked, target: 'passwordLocked' },
          { actions: assign({ passwordStatus: ({ event }) => event.output }) },
        ],
        // The entry works without the count; a card really gone ends the session anyway.
        onError: {},
      },
      on: { CONFIRM: 'signing', BACK: 'choosing' },
    },
    signing: {
      invoke: {
        id: 'passwordEntry',
        src: 'passwordEntry',
        input: ({ context }) => ({
          status: context.passwordStatus,
          request: { cardId: context.cardId, newAddress: context.newAddress, services: context.chosen },
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.outcome === 'signed',
            target: 'creating',
            actions: assign(({ event }) => ({
              signed: (event.output as { output: SignedConsent }).output,
              // A new consent is a new request: its own key, kept for every RETRY of it.
              idempotencyKey: newIdempotencyKey(),
            })),
          },
          { guard: ({ event }) => event.output.outcome === 'locked', target: 'passwordLocked' },
          {
            guard: ({ event }) =>
              event.output.outcome === 'failed' && event.output.error.kind === 'sessionExpired',
            target: 'sessionExpired',
            // The challenge's fetch found the session over: why (a revoked certificate), for the
            // signed-out screen.
            actions: assign({
              sessionEnd: ({ event }) =>
                event.output.outcome === 'failed' ? sessionEndReasonOf(event.output.error) : undefined,
            }),
          },
          {
            guard: ({ event }) => event.output.outcome === 'failed' && event.output.tryMayBeSpent,
            target: 'signFailed',
            actions: ['entryError', 'forgetCount'],
          },
          {
            guard: ({ event }) => event.output.outcome === 'failed',
            target: 'signFailed',
            actions: 'entryError',
          },
          { target: 'summary' },
        ],
      },
      on: {
        DIGIT: forward,
        CHAR: forward,
        BACK: forward,
        OK: forward,
        CONFIRM: forward,
        CANCEL: forward,
      },
    },
    /** The card could not sign (removed, another card, the bridge): RETRY goes back to the summary. */
    signFailed: { on: { RETRY: 'summary', BACK: 'closed', CANCEL: 'closed', OK: 'closed' } },
    passwordLocked: {
      entry: assign({ error: { kind: 'pinLocked', messageKey: 'signPasswordLocked' } satisfies FlowError }),
      on: { OK: 'closed', BACK: 'closed' },
    },
    creating: {
      entry: assign({ error: undefined }),
      invoke: {
        id: 'createAddressChange',
        src: 'createAddressChange',
        input: ({ context }) => ({
          request: {
            challenge: context.signed?.challenge ?? '',
            newAddress: context.newAddress ?? '',
            services: context.chosen,
            signCertificate: context.signed?.signCertificate ?? '',
            signature: context.signed?.signature ?? '',
          },
          idempotencyKey: context.idempotencyKey ?? '',
        }),
        onDone: [
          { guard: 'final', target: 'done', actions: 'keepChange' },
          { target: 'tracking', actions: 'keepChange' },
        ],
        onError: [
          sessionEnded,
          // The signature was refused (spent challenge, revoked certificate): sign again or leave.
          {
            guard: ({ event }) =>
              errorIs(
                event,
                'challengeExpired',
                'cardRejected',
                'certificateExpired',
                'certificateRevoked',
                'unknownIssuer',
              ),
            target: 'rejected',
            actions: ['setError', assign({ signed: undefined, idempotencyKey: undefined })],
          },
          { target: 'createFailed', actions: 'setError' },
        ],
      },
    },
    /** The same signed request, with the same key (RETRY); the result is in お知らせ if it arrived. */
    createFailed: { on: { RETRY: 'creating', BACK: 'closed', CANCEL: 'closed' } },
    rejected: { on: { RETRY: 'summary', BACK: 'closed', CANCEL: 'closed' } },
    /** Each service's status, fetched again without a key until all are final. */
    tracking: {
      on: { OK: 'closed', BACK: 'closed' },
      initial: 'waiting',
      states: {
        waiting: { after: { poll: 'loading' } },
        loading: {
          invoke: {
            id: 'loadAddressChange',
            src: 'loadAddressChange',
            input: ({ context }) => ({ requestId: context.addressChange?.id ?? '' }),
            onDone: [
              { guard: 'final', target: '#moving.done', actions: 'keepChange' },
              { target: 'waiting', actions: 'keepChange' },
            ],
            // The request is on its way whatever the network does: keep the last status, ask later.
            onError: [sessionEnded, { target: 'waiting' }],
          },
        },
      },
    },
    done: { on: { OK: 'closed', BACK: 'closed' } },
    closed: { type: 'final', output: { outcome: 'closed' as const } },
    sessionExpired: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'sessionExpired' as const, reason: context.sessionEnd }),
    },
  },
});

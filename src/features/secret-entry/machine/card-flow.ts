/**
 * What every flow that signs with the card (login, registration, later signing steps) does with a
 * failure that is not about the secret: another card, the card or the bridge gone, the platform
 * refusing. Written once, with the flow's machine id for the targets (`#<id>.<state>`): each flow
 * has the states these name (cardChanged, notMyNumberCard, bridgeDown, cardError, the platform's
 * dead ends, platformDown, rejected, cancelled).
 */
import { assign, fromPromise, type DoneActorEvent, type EventObject } from 'xstate';
import { errorIs, toFlowError, type FlowErrorKind } from '../../../machines/errors';
import {
  notProvided,
  type FlowInput,
  type PinStatus,
  type ReadAuthCertificateInput,
  type ReadAuthCertificateOutput,
  type ReadPinStatusInput,
  type RequestChallengeInput,
  type SignChallengeInput,
  type SignChallengeOutput,
  type SignWithPasswordInput,
  type SignedIn,
} from '../../../machines/ports';
import type { Secret } from '../../../machines/secret';
import {
  actionsOf,
  secretEntryActions,
  type SecretEntryContext,
  type SecretSlot,
  type Step,
} from './secret-entry';

/** What the card's sign calls take from a flow besides the secret: the challenge and the card. */
interface ChallengeOnCard {
  challenge: string | undefined;
  cardId: string | undefined;
}
type LastTry = { confirmLastAttempt?: string };
/** A sign call whose input is what the card client's call takes. */
type SignCall<Input> = { input: (context: ChallengeOnCard, secret: Secret, lastTry: LastTry) => Input };

/**
 * A card sign call: the secret under the field its input names, with the flow's challenge and card
 * (the last-try value only on the call the warning's CONFIRM sends).
 */
const signCall = <const Src extends string, Field extends 'pin' | 'password'>(src: Src, field: Field) =>
  ({
    src,
    input: (context: ChallengeOnCard, secret: Secret, lastTry: LastTry) => ({
      ...({ [field]: secret } as Record<Field, Secret>),
      challenge: context.challenge ?? '',
      cardId: context.cardId,
      ...lastTry,
    }),
  }) as const;

/** The card signs the challenge with the auth PIN (login; registration's second signature). */
export const SIGN_WITH_PIN = signCall('signChallenge', 'pin') satisfies SignCall<SignChallengeInput>;

/** The card signs the challenge with the signature password (and reads its certificate). */
export const SIGN_WITH_PASSWORD = signCall(
  'signWithPassword',
  'password',
) satisfies SignCall<SignWithPasswordInput>;

export const failWith =
  (...kinds: FlowErrorKind[]) =>
  ({ event }: { event: { error?: unknown } }) =>
    errorIs(event, ...kinds);

/**
 * The card and challenge actors every signing flow names (placeholders that throw: the app provides
 * the real ones, tests fakes): the auth certificate and a count read without a secret, a
 * challenge from the platform, the card's signature with the PIN.
 */
export const SIGNING_ACTORS = {
  readAuthCertificate: fromPromise<ReadAuthCertificateOutput, ReadAuthCertificateInput>(
    notProvided('readAuthCertificate'),
  ),
  readPinStatus: fromPromise<PinStatus, ReadPinStatusInput>(notProvided('readPinStatus')),
  requestChallenge: fromPromise<string, RequestChallengeInput>(notProvided('requestChallenge')),
  signChallenge: fromPromise<SignChallengeOutput, SignChallengeInput>(notProvided('signChallenge')),
};

/** The named actions these routes use. */
function flowActions<C extends SecretEntryContext, E extends EventObject>() {
  return {
    setError: assign<C, E, undefined, E, never>(
      ({ event }) => ({ error: toFlowError((event as { error?: unknown }).error) }) as Partial<C>,
    ),
  };
}

/** A signing flow's actions for its secrets (secret-entry.ts) and for its errors, together. */
export const signingActions = <C extends SecretEntryContext, E extends EventObject>(
  slots: Record<string, SecretSlot<C>>,
) => ({ ...secretEntryActions<C, E>(slots), ...flowActions<C, E>() });

/** The types of a flow that signs in with the card: it is given the card's id (FlowInput). */
export const signInFlowTypes = <C, E extends EventObject, O>() => ({
  context: {} as C,
  input: {} as FlowInput | undefined,
  events: {} as E,
  output: {} as O,
});

/** Card failures that leave the secret entry, by what the viewer can do about them. */
export function cardFailures(id: string, options: { pinLocked?: string } = {}) {
  return [
    // Nothing went to the other card; what was typed for this one is dropped, never sent to it.
    { guard: failWith('cardChanged'), target: `#${id}.cardChanged` },
    ...(options.pinLocked ? [{ guard: failWith('pinLocked'), target: `#${id}.${options.pinLocked}` }] : []),
    { guard: failWith('notMyNumberCard'), target: `#${id}.notMyNumberCard`, actions: 'setError' as const },
    { guard: failWith('bridgeDown'), target: `#${id}.bridgeDown`, actions: 'setError' as const },
    // Card removed, reader gone, busy, unexpected status word: reinsert or wait, then RETRY.
    { target: `#${id}.cardError`, actions: 'setError' as const },
  ];
}

/** The platform's refusals of a signed challenge; `challengeExpired`: where the viewer starts again. */
export function platformFailures<const A>(id: string, challengeExpired: Step<A>) {
  return [
    {
      guard: failWith('certificateExpired'),
      target: `#${id}.certificateExpired`,
      actions: 'setError' as const,
    },
    {
      guard: failWith('certificateRevoked'),
      target: `#${id}.certificateRevoked`,
      actions: 'setError' as const,
    },
    { guard: failWith('unknownIssuer'), target: `#${id}.notMyNumberCard`, actions: 'setError' as const },
    { guard: failWith('platformDown'), target: `#${id}.platformDown`, actions: 'setError' as const },
    // The challenge ran out (the viewer took long): the secrets again, for a fresh one.
    {
      guard: failWith('challengeExpired'),
      target: challengeExpired.target,
      actions: ['setError' as const, ...actionsOf(challengeExpired)],
    },
    { target: `#${id}.rejected`, actions: 'setError' as const },
  ];
}

/** The card cannot go on here: the viewer reads why, then OK or CANCEL ends the flow. */
export const deadEnd = <const A extends string>(id: string, entry: readonly A[]) => ({
  entry,
  on: { OK: `#${id}.cancelled`, CANCEL: `#${id}.cancelled` },
});

/** A sign-in flow's happy end, with the platform's answer; `clear` runs first, so no secret outlives it. */
export const signedInEnd = <const A extends string>(clear: A) => ({
  type: 'final' as const,
  entry: clear,
  output: ({ event }: { event: unknown }) => ({
    outcome: 'signedIn' as const,
    signedIn: (event as DoneActorEvent<SignedIn>).output,
  }),
});

/** RETRY starts again from the entry (nothing was spent that the viewer did not ask for). */
const retryable = <const A extends string>(id: string, entry: readonly A[], retry: string) => ({
  entry,
  on: { RETRY: retry, CANCEL: `#${id}.cancelled` },
});

/**
 * The states of a sign-in flow that cardFailures and platformFailures route to, written once: the
 * dead ends run `clear`, then OK or CANCEL ends the flow; the ways back run `retryEntry`, then RETRY
 * goes to `retry`; another card, or the viewer cancelling, ends the flow after `clear`.
 */
export const routedStates = <const A extends string, const R extends string>(
  id: string,
  clear: A,
  retryEntry: readonly R[],
  retry: string,
) => ({
  notMyNumberCard: deadEnd(id, [clear]),
  certificateExpired: deadEnd(id, [clear]),
  certificateRevoked: deadEnd(id, [clear]),
  bridgeDown: retryable(id, retryEntry, retry),
  platformDown: retryable(id, retryEntry, retry),
  cardError: retryable(id, retryEntry, retry),
  rejected: retryable(id, retryEntry, retry),
  cardChanged: { type: 'final' as const, entry: clear, output: { outcome: 'cardChanged' as const } },
  cancelled: { type: 'final' as const, entry: clear, output: { outcome: 'cancelled' as const } },
});

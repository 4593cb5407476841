/**
 * The phone-pairing flow's actors on the SDK: start with the box's identity and the request's scope,
 * poll at its pace. A login request's poll that finds the session open leaves the tokens with the
 * client (the SDK keeps them as after a card login); `signedIn` then says who logged in.
 */
import { fromPromise } from 'xstate';
import { pairingMachine } from '../../features/companion/machine/pairing.machine';
import type * as Port from '../../machines/ports';
import type { PairingBox, PairingPoll, PairingScope, PairingStart } from '../../platform/resources/pairing';
import type { TokenPair } from '../../platform/types';

export interface PairingPort {
  start(box: PairingBox, options?: { scope?: PairingScope }): Promise<PairingStart>;
  poll(started: Port.PairingPollInput): Promise<PairingPoll>;
}

/** The SDK's poll answer as the pairing flow takes it: plain data, the token's end by the box's clock. */
const pairingAnswer = (poll: PairingPoll, now: number): Port.PairingAnswer => {
  switch (poll.status) {
    case 'paired':
      return {
        status: 'paired',
        pairing: {
          pairingId: poll.pairingId,
          token: poll.token,
          expiresAt: now + poll.expiresInSeconds * 1000,
        },
      };
    case 'loggedIn':
      return { status: 'loggedIn' };
    case 'denied':
      return poll.reason === undefined ? { status: 'denied' } : { status: 'denied', reason: poll.reason };
    case 'pending':
      return poll;
    default:
      return { status: poll.status };
  }
};

export const NO_BOX = (): Promise<PairingBox> => Promise.reject(new Error('pairing: no box identity given'));

/** A login's poll found the session open: who it is, as a card login says it (profile, refresh). */
type SignedInOf = (tokens: TokenPair) => Promise<Port.SignedIn>;

export function companionActors(
  pairing: PairingPort,
  pairingBox: () => Promise<PairingBox>,
  signedIn: SignedInOf = () => Promise.reject(new Error('pairing: no login given')),
) {
  // The tokens of the poll that opened the session, for the profile's fetch that follows it.
  let tokens: TokenPair | undefined;
  return pairingMachine.provide({
    actors: {
      startPairing: fromPromise<PairingStart, { scope: PairingScope }>(async ({ input }) =>
        pairing.start(await pairingBox(), { scope: input.scope }),
      ),
      pollPairing: fromPromise<Port.PairingAnswer, Port.PairingPollInput>(async ({ input }) => {
        const poll = await pairing.poll(input);
        if (poll.status === 'loggedIn') tokens = poll.tokens;
        return pairingAnswer(poll, Date.now());
      }),
      loadSignedIn: fromPromise<Port.SignedIn>(() => {
        if (!tokens) return Promise.reject(new Error('pairing: no session opened by the phone'));
        return signedIn(tokens);
      }),
    },
  });
}

/**
 * The phone-pairing flow's actors on the SDK: start with the box's identity and the request's scope,
 * poll at its pace. A login request's poll that finds the session open leaves the tokens with the
 * client (the SDK keeps them as after a card login); `signedIn` then says who logged in.
 */
import { fromPromise } from 'xstate';
import type { pairingMachine } from '../../features/companion/machine/pairing.machine';
import type * as Port from '../../machines/ports';
import { NotPairedError } from '../../platform/errors';
import type {
  CurrentPairing,
  PairingBox,
  PairingPoll,
  PairingScope,
  PairingStart,
} from '../../platform/resources/pairing';
import type { TokenPair } from '../../platform/types';

export interface PairingPort {
  start(box: PairingBox, options?: { scope?: PairingScope }): Promise<PairingStart>;
  poll(started: Port.PairingPollInput): Promise<PairingPoll>;
  sendToPhone(pairing: CurrentPairing, item: Port.PhoneItem): Promise<unknown>;
  unpair(pairing: CurrentPairing): Promise<void>;
}

/** The session's pairing now, if any (the session keeps it; forgotten at logout). */
export type CurrentPhone = () => Port.PhonePairing | undefined;

/**
 * The pairing the platform calls name: the session's, while its token lasts by the box's clock,
 * with the box it was given to; NotPairedError (as the platform says it) when there is none.
 */
async function currentPairing(
  phone: CurrentPhone,
  pairingBox: () => Promise<PairingBox>,
): Promise<CurrentPairing> {
  const pairing = phone();
  if (!pairing || pairing.expiresAt <= Date.now()) throw new NotPairedError('PAIRING_NOT_FOUND');
  return { token: pairing.token, boxId: (await pairingBox()).boxId };
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

/**
 * The phone's actors: pairing it or logging in by it (the companion flow, whose machine comes with
 * its chunk: provided here once it is in) and 「スマートフォンに送る」
 * of every feature, to the phone paired now (NotPairedError when none is).
 */
export function phoneActors(
  pairing: PairingPort,
  pairingBox: () => Promise<PairingBox>,
  phone: CurrentPhone = () => undefined,
  signedIn?: SignedInOf,
) {
  return {
    provideCompanion: (machine: typeof pairingMachine) =>
      companionActors(machine, pairing, pairingBox, signedIn),
    sendToPhone: fromPromise<unknown, Port.PhoneItem>(async ({ input }) =>
      pairing.sendToPhone(await currentPairing(phone, pairingBox), input),
    ),
  };
}

function companionActors(
  machine: typeof pairingMachine,
  pairing: PairingPort,
  pairingBox: () => Promise<PairingBox>,
  signedIn: SignedInOf = () => Promise.reject(new Error('pairing: no login given')),
) {
  // The tokens of the poll that opened the session, for the profile's fetch that follows it.
  let tokens: TokenPair | undefined;
  return machine.provide({
    actors: {
      // Unpaired already (on the phone, or by time) is as good as unpaired now.
      unpairPhone: fromPromise<void, Port.PhonePairing>(async ({ input }) => {
        try {
          await pairing.unpair({ token: input.token, boxId: (await pairingBox()).boxId });
        } catch (error) {
          if (!(error instanceof NotPairedError)) throw error;
        }
      }),
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

/** The phone-pairing flow's actors on the SDK: start with the box's identity, poll at its pace. */
import { fromPromise } from 'xstate';
import { pairingMachine } from '../../features/companion/machine/pairing.machine';
import type * as Port from '../../machines/ports';
import { NotPairedError } from '../../platform/errors';
import type { CurrentPairing, PairingBox, PairingPoll, PairingStart } from '../../platform/resources/pairing';

export interface PairingPort {
  start(box: PairingBox): Promise<PairingStart>;
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
  // Only a login request (scope login) is answered with a session; pairing never starts one.
  if (poll.status === 'loggedIn') throw new Error('pairing: a login answer to a pairing request');
  return poll.status === 'paired'
    ? {
        status: 'paired',
        pairing: {
          pairingId: poll.pairingId,
          token: poll.token,
          expiresAt: now + poll.expiresInSeconds * 1000,
        },
      }
    : poll.status === 'pending'
      ? poll
      : { status: poll.status };
};

export const NO_BOX = (): Promise<PairingBox> => Promise.reject(new Error('pairing: no box identity given'));

/**
 * The phone's actors: pairing it (the companion flow) and 「スマートフォンに送る」 of every feature,
 * to the phone paired now (NotPairedError when none is).
 */
export function phoneActors(
  pairing: PairingPort,
  pairingBox: () => Promise<PairingBox>,
  phone: CurrentPhone = () => undefined,
) {
  return {
    companion: companionActors(pairing, pairingBox),
    sendToPhone: fromPromise<unknown, Port.PhoneItem>(async ({ input }) =>
      pairing.sendToPhone(await currentPairing(phone, pairingBox), input),
    ),
  };
}

function companionActors(pairing: PairingPort, pairingBox: () => Promise<PairingBox>) {
  return pairingMachine.provide({
    actors: {
      // Unpaired already (on the phone, or by time) is as good as unpaired now.
      unpairPhone: fromPromise<void, Port.PhonePairing>(async ({ input }) => {
        try {
          await pairing.unpair({ token: input.token, boxId: (await pairingBox()).boxId });
        } catch (error) {
          if (!(error instanceof NotPairedError)) throw error;
        }
      }),
      startPairing: fromPromise<PairingStart>(async () => pairing.start(await pairingBox())),
      pollPairing: fromPromise<Port.PairingAnswer, Port.PairingPollInput>(async ({ input }) =>
        pairingAnswer(await pairing.poll(input), Date.now()),
      ),
    },
  });
}

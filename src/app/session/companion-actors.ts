/** The phone-pairing flow's actors on the SDK: start with the box's identity, poll at its pace. */
import { fromPromise } from 'xstate';
import { pairingMachine } from '../../features/companion/machine/pairing.machine';
import type * as Port from '../../machines/ports';
import type { PairingBox, PairingPoll, PairingStart } from '../../platform/resources/pairing';

export interface PairingPort {
  start(box: PairingBox): Promise<PairingStart>;
  poll(started: Port.PairingPollInput): Promise<PairingPoll>;
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

export function companionActors(pairing: PairingPort, pairingBox: () => Promise<PairingBox>) {
  return pairingMachine.provide({
    actors: {
      startPairing: fromPromise<PairingStart>(async () => pairing.start(await pairingBox())),
      pollPairing: fromPromise<Port.PairingAnswer, Port.PairingPollInput>(async ({ input }) =>
        pairingAnswer(await pairing.poll(input), Date.now()),
      ),
    },
  });
}

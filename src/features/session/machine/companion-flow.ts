/**
 * Pairing a phone in the session: opened from home, back home when it ends; a phone that paired is
 * kept in the session's context for the phone features that use it later (forgotten at logout with
 * everything else of the viewer's, or when the viewer unpairs it).
 */
import type { PairingOutput } from '../../companion/machine/pairing.machine';
import type { PhonePairing } from '../../../machines/ports';

/** The pairing the flow ended with, or the one the session had. */
export const pairingAfter = ({
  context,
  event,
}: {
  context: { pairing: PhonePairing | undefined };
  event: unknown;
}): PhonePairing | undefined => {
  const output = (event as { output?: PairingOutput }).output;
  if (output?.outcome === 'unpaired') return undefined;
  return output?.outcome === 'paired' ? output.pairing : context.pairing;
};

export const companionState = {
  invoke: {
    id: 'companion',
    src: 'companion',
    // The phone paired already: the flow opens at it, with つながりを解除.
    input: ({ context }: { context: { pairing: PhonePairing | undefined } }) => ({
      scope: 'pairing' as const,
      pairing: context.pairing,
    }),
    onDone: { target: 'home', actions: 'keepPairing' },
  },
} as const;

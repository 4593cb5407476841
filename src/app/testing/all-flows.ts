/**
 * Every lazy flow's machine at once, for tests that run the real actors (createActors) without the
 * shell's families: each flow is there from the start, as in the app once its chunk is in.
 */
import type { FlowMachines, FlowSource } from '../session/adapters';
import { bookingMachine } from '../../features/booking/machine/booking.machine';
import { pairingMachine } from '../../features/companion/machine/pairing.machine';
import { healthMachine } from '../../features/health/machine/health.machine';
import { inboxMachine } from '../../features/inbox/machine/inbox.machine';
import { movingMachine } from '../../features/moving/machine/moving.machine';
import { registrationMachine } from '../../features/registration/machine/registration.machine';

const MACHINES: FlowMachines = {
  registration: registrationMachine,
  health: healthMachine,
  booking: bookingMachine,
  inbox: inboxMachine,
  moving: movingMachine,
  companion: pairingMachine,
};

export const allFlows: FlowSource = {
  machine: (flow) => MACHINES[flow],
  loaded: () => Promise.resolve(),
};

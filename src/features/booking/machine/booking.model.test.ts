/** Model-based test of the booking machine: every shortest path and every edge, with fakes. */
import { MachineCoverage } from '../../../machines/testing/coverage';
import { modelPaths, pathsByEndState, runPath, PATH_GROUP_TIMEOUT_MS } from '../../../machines/testing/model';
import { bookingMachine } from './booking.machine';
import { bookingAtFacilitySpec, bookingFromMyBookingsSpec, bookingSpec } from './booking.test-model';

const coverage = new MachineCoverage('booking', bookingMachine);
const paths = modelPaths(bookingSpec);
const pathsFromMyBookings = modelPaths(bookingFromMyBookingsSpec);
const pathsAtFacility = modelPaths(bookingAtFacilitySpec);

describe('booking machine (model-based)', () => {
  const openings = [
    ['opened at the facilities', bookingSpec, paths],
    ['opened at my bookings', bookingFromMyBookingsSpec, pathsFromMyBookings],
    ["opened at a notice's facility", bookingAtFacilitySpec, pathsAtFacility],
  ] as const;
  for (const [opening, spec, specPaths] of openings) {
    test.each(pathsByEndState(specPaths))(
      `${opening}: every path to %s`,
      async (_, group) => {
        for (const path of group) {
          const run = await runPath(spec, path, coverage);
          run.actor.stop();
        }
      },
      PATH_GROUP_TIMEOUT_MS,
    );
  }

  test('covers every state and transition', () => {
    console.log(
      `booking: ${paths.length + pathsFromMyBookings.length + pathsAtFacility.length} model paths executed`,
    );
    const report = coverage.write();
    // `opening` is the initial, transient state: no snapshot ever holds it (the initial step is not
    // a microstep), so it cannot be seen as visited; both of its transitions are in the list below.
    expect(report.states.missing).toEqual(['booking.opening']);
    expect(report.transitions.missing).toEqual([]);
  });
});

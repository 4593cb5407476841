/** Model-based test of the booking machine: every shortest path and every edge, with fakes. */
import { MachineCoverage } from '../testing/coverage';
import { modelPaths, pathsByEndState, runPath } from '../testing/model';
import { bookingMachine } from './booking.machine';
import { bookingSpec } from './booking.test-model';

const coverage = new MachineCoverage('booking', bookingMachine);
const paths = modelPaths(bookingSpec);

describe('booking machine (model-based)', () => {
  test.each(pathsByEndState(paths))('every path to %s', async (_, group) => {
    for (const path of group) {
      const run = await runPath(bookingSpec, path, coverage);
      run.actor.stop();
    }
  });

  test('covers every state and transition', () => {
    console.log(`booking: ${paths.length} model paths executed`);
    const report = coverage.write();
    expect(report.states.missing).toEqual([]);
    expect(report.transitions.missing).toEqual([]);
  });
});

/**
 * Mutation testing (`npm run mutation`): do the unit tests notice when the JPKI driver, the bridge's
 * method layer or the app's machines change? Slow, so not part of `npm test` or `.ci/run`.
 *
 *   npm run mutation                          # every part
 *   MUTATION_PART=driver npm run mutation     # driver | methods | machines
 *   npm run mutation -- --mutate 'native-bridge/src/jpki/apdu.ts'
 *   MUTATION_PART=methods MUTATION_TESTS=native-bridge/src/bridge/confirmations.test.ts npm run mutation
 *   MUTATION_REPORT=booking MUTATION_PART=machines npm run mutation -- --mutate 'src/features/booking/machine/*.ts'
 *   # Minutes instead of hours: name the hand-written tests, leaving out the model-based suites, which
 *   # replay every path for each mutant (a lower bound: they could only kill more).
 *   MUTATION_PART=machines MUTATION_TESTS=src/features/booking/machine/booking.test.ts,... npm run mutation
 *
 * Reports: .tmp/mutation/<MUTATION_REPORT, else the part or all>.html and .json (name narrowed runs:
 * runs side by side would overwrite each other's report). Only the part's own unit tests that import
 * a mutated file run against its mutants (pcscd and the browsers stay out of it); one worker, the box has 2 cores.
 */
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);
const jestConfig = require('./jest.config.js');
const unit = jestConfig.projects.find((project) => project.displayName === 'unit');

const notTests = ['!**/*.test.ts', '!**/testing/**', '!**/test-support.ts', '!**/*.test-model.ts'];

const SOCKET_SUITES = [
  'bridge',
  'card-identity',
  'last-try',
  'served-readers',
  'unread-output',
  'upgrade-limits',
];

/** What each part mutates, and the unit tests that sit next to it (the ones that speak for it). */
const parts = {
  driver: {
    mutate: ['native-bridge/src/jpki/**/*.ts'],
    tests: ['native-bridge/src/jpki/**/*.test.ts'],
  },
  methods: {
    mutate: [
      'native-bridge/src/bridge/dispatcher.ts',
      'native-bridge/src/bridge/card-service.ts',
      'native-bridge/src/bridge/confirmations.ts',
    ],
    // The socket suites (bridge, card-identity, last-try, served-readers, unread-output,
    // upgrade-limits) start a whole bridge per test: minutes per mutant on two shared cores. The
    // in-process suites drive the Dispatcher and CardService directly.
    tests: [
      'native-bridge/src/bridge/**/*.test.ts',
      ...SOCKET_SUITES.map((name) => `!**/bridge/${name}.test.ts`),
    ],
  },
  // Both layouts: machines under src/machines and, after the move, in each feature's folder.
  machines: {
    mutate: ['src/machines/**/*.ts', 'src/features/*/machine/**/*.ts', 'src/features/**/*.machine.ts'],
    tests: ['src/machines/**/*.test.ts', 'src/features/*/machine/**/*.test.ts'],
  },
};

const part = process.env.MUTATION_PART;
if (part && !(part in parts))
  throw new Error(`MUTATION_PART must be one of ${Object.keys(parts).join(', ')}`);
const chosen = part ? [parts[part]] : Object.values(parts);
// MUTATION_TESTS=glob,glob runs only those tests: new tests measured alone, to merge with a full run.
const tests = process.env.MUTATION_TESTS?.split(',') ?? chosen.flatMap((p) => p.tests);
const report = process.env.MUTATION_REPORT ?? `${part ?? 'all'}${process.env.MUTATION_TESTS ? '-only' : ''}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // The unit project alone, flattened: Stryker's coverage hooks apply to the top-level config only.
    // Of those, only the part's own tests: the system tests (conformance, bench, mocks) that also
    // import the driver start servers and would take hours across hundreds of mutants.
    config: {
      ...unit,
      displayName: undefined,
      projects: [],
      testTimeout: jestConfig.testTimeout,
      testMatch: tests.map((glob) => (glob.startsWith('!') ? glob : `<rootDir>/${glob}`)),
    },
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  mutate: [...chosen.flatMap((p) => p.mutate), ...notTests],
  ignoreStatic: true,
  ignorePatterns: ['.tmp', 'dist', 'build', 'coverage', 'out', 'deploy', 'docs'],
  tempDirName: `.tmp/stryker-${report}`,
  cleanTempDir: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: {
    fileName: `.tmp/mutation/${report}.html`,
  },
  jsonReporter: {
    fileName: `.tmp/mutation/${report}.json`,
  },
  thresholds: { high: 80, low: 60, break: null },
  timeoutMS: 10000,
  dryRunTimeoutMinutes: 15,
};

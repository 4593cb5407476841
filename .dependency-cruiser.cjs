/**
 * The parts and the directions they may import in (docs/architecture.md). `npm test` runs
 * `npm run boundaries`; scripts/boundaries.test.ts shows that an uphill import is refused.
 *
 *   stb-spec/protocol   the contract: imported by every part, imports nothing of ours
 *   src                 the TV app (ships)
 *   native-bridge       the production bridge (ships): imports only the contract
 *   mocks               the development kit: the contract and the bridge
 *   stb-spec/conformance  the conformance kit: the contract, the bridge, the development kit
 *   tools               e2e, scripts, bench, config, stb-spec/scripts: anything above. Among
 *                       themselves one layer, except that config (read by builds and tests) is
 *                       below the others and the bench (it measures them all) above them
 *
 * Test files and test helpers (TEST_ONLY) belong with the tools whatever folder they sit in: they
 * never ship, and a rule below keeps shipped code from importing them.
 */
const TEST_ONLY =
  '(\\.test\\.ts$|\\.test-model\\.ts$|(^|/)(test-support|test-helpers|test-sandbox)\\.ts$|(^|/)testing/)';
const SHIPPED = '^(src|native-bridge)/';
const TOOLS = '^(e2e|bench|scripts|config|stb-spec/scripts)/';
const KIT = '^stb-spec/conformance/';
const DEV_KIT = '^mocks/';
/**
 * The platform API's contract as the app holds it: types generated from api/platform.openapi.yaml
 * and its base64 rules. The platform simulator implements that API, so it may read them; they
 * import nothing else of the app (the last rule keeps it so).
 */
const PLATFORM_CONTRACT = '^src/platform/(types\\.ts|base64\\.ts|consent\\.ts|generated/)';

/**
 * Every rule is an error: an arrow the wrong way fails the build, it is never a warning to read past.
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'protocol-imports-nothing-of-ours',
      'The contract is the one source every part reads; it cannot lean on any of them.',
      { path: '^stb-spec/protocol/' },
      { path: '^(src|native-bridge|mocks|e2e|bench|scripts|config|api|stb-spec/(?!protocol/))' },
    ),
    forbid(
      'shipped-imports-no-dev-kit-nor-tools',
      'The app and the production bridge ship: no development kit, conformance kit or tool in them.',
      { path: SHIPPED, pathNot: TEST_ONLY },
      { path: `(${DEV_KIT}|${KIT}|${TOOLS})` },
    ),
    forbid(
      'shipped-imports-no-test-helper',
      'Test files and helpers may use the development kit, so shipped code must not reach them.',
      { path: SHIPPED, pathNot: TEST_ONLY },
      { path: TEST_ONLY },
    ),
    forbid(
      'app-and-bridge-apart',
      'The app talks to the bridge only through the contract (a WebSocket in production).',
      { path: '^src/', pathNot: TEST_ONLY },
      { path: '^native-bridge/' },
    ),
    forbid(
      'bridge-and-app-apart',
      'The bridge serves any app that speaks the contract; it knows nothing of ours.',
      { path: '^native-bridge/', pathNot: TEST_ONLY },
      { path: '^src/' },
    ),
    forbid(
      'dev-kit-imports-contract-and-bridge-only',
      'The development kit stands in for the card, the platform and the box: no app, kit or tool.',
      { path: DEV_KIT, pathNot: TEST_ONLY },
      { path: `(^src/|${KIT}|${TOOLS})`, pathNot: PLATFORM_CONTRACT },
    ),
    forbid(
      'virtual-card-bytes-from-the-spec',
      'The virtual card answers from the spec, never from the driver it tests (only the transport seam and its errors).',
      { path: '^mocks/virtual-card/', pathNot: TEST_ONLY },
      { path: '^native-bridge/src/jpki/', pathNot: '^native-bridge/src/jpki/errors\\.ts$' },
    ),
    forbid(
      'kit-imports-no-app-nor-tools',
      'The conformance kit tests bridges: the contract, the bridge and the development kit only.',
      { path: KIT, pathNot: TEST_ONLY },
      { path: `(^src/|${TOOLS})` },
    ),
    forbid(
      'config-imports-no-other-tool',
      "The operator's configuration is read by builds and tests, so it sits below every other tool.",
      { path: '^config/' },
      { path: '^(e2e|bench|scripts|stb-spec/scripts)/' },
    ),
    forbid(
      'nothing-imports-the-bench',
      'The bench is the top of the tools: it measures everything and nothing depends on it.',
      { pathNot: '^bench/' },
      { path: '^bench/' },
    ),
    forbid(
      'bench-reuses-the-e2e-rig-only',
      'The bench measures the stack the journeys drive: their harness and steps, not their tests.',
      { path: '^bench/' },
      { path: '^e2e/', pathNot: '^e2e/(harness|journeys)/' },
    ),
    forbid(
      'platform-contract-stands-alone',
      'What the simulator may read of the app must not pull the rest of the app in.',
      { path: PLATFORM_CONTRACT },
      { path: '^(src|native-bridge|mocks|stb-spec/conformance)/', pathNot: PLATFORM_CONTRACT },
    ),
    forbid(
      'features-stand-apart',
      'A feature is found in one folder: it imports no other feature but the secret entry every signing flow builds on; only the session, which composes them, imports them all.',
      { path: '^src/features/([^/]+)/', pathNot: [`^src/features/session/`, TEST_ONLY] },
      { path: '^src/features/', pathNot: '^src/features/($1|secret-entry)/' },
    ),
    forbid(
      'no-test-file-imported',
      'A test file is a leaf: what two tests share goes into a test helper.',
      {},
      { path: '\\.test\\.ts$' },
    ),
    forbid(
      'resolvable',
      'An import the checker cannot resolve would escape every rule above.',
      {},
      { couldNotResolve: true },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|coverage|out|\\.tmp)/' },
    // Type-only imports count: a type from the development kit in shipped code is still an uphill arrow.
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};

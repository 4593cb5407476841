/** Jest runs TypeScript through swc (type checking is `npm run typecheck`). ESM-only packages
 * (pkijs, asn1js) are transformed too, so tests stay CommonJS.
 * Two projects: `unit` runs in parallel; `pcsc` (files named *.pcsc.test.ts) shares the one pcscd
 * and its vpcd readers, so it runs in band (`--runInBand`, see scripts/test.sh); `e2e` (files named
 * *.e2e.test.ts) drives the built app in WPE WebKit (cog + WPEWebDriver), in band too. */
const esmPackages = [
  'pkijs',
  '@lightningjs',
  '@metrological',
  'deepmerge',
  'localcookies',
  '@michieljs',
  'asn1js',
  'bytestreamjs',
  'pvtsutils',
  'pvutils',
  '@noble',
  '@firebolt-js',
  '@peculiar',
  'rettime',
  'until-async',
  '@open-draft/deferred-promise',
  'oidc-provider',
  'openid-client',
  'oauth4webapi',
  'jose',
].join('|');

const shared = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/src',
    '<rootDir>/native-bridge',
    '<rootDir>/mocks',
    '<rootDir>/stb-spec',
    '<rootDir>/e2e',
    '<rootDir>/bench',
    '<rootDir>/config',
    '<rootDir>/scripts',
  ],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.pcsc\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
      setupFiles: ['<rootDir>/src/app/testing/jsdom-globals.ts'],
    },
    { ...shared, displayName: 'pcsc', testMatch: ['**/*.pcsc.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e.test.ts'], testTimeout: 60000 },
  ],
};

/** Public surface of the test PKI (see types.ts for the contract). */
export type { CardCredentials } from './types';
export { createTestPki, TestPki } from './test-pki';
export { loadOrCreateTestPki, saveTestPki } from './persistence';
export { toPem, fromPem } from './pem';
export { DEMO_HOLDERS } from './demo-holders';
export * from './oids';

/** Public surface of the test PKI (see types.ts for the contract). */
export type {
  CardCredentials,
  CardHolder,
  CertificateKind,
  CreateTestPkiOptions,
  IssueCardOptions,
  RootGeneration,
} from './types';
export {
  certificateSha256Hex,
  createTestPki,
  TestPki,
  TEST_PKI_FORMAT,
  type JlisRecords,
  type TestPkiJson,
} from './test-pki';
export {
  loadOrCreateTestPki,
  saveTestPki,
  credentialsToJSON,
  credentialsFromJSON,
  writeFileAtomic,
  PKI_FILE,
  type CardCredentialsJson,
} from './persistence';
export { toPem, fromPem, fromPemAll } from './pem';
export { readSignCertificateHolder, readOtherNames } from './holder-san';
export { certificateNotAfter, nthBirthdayAfter } from './validity';
export { ROOT_SUBJECTS, crlDistributionUrl } from './certificates';
export { normalizeSerialHex } from './engine';
export { DEMO_HOLDERS } from './demo-holders';
export * from './oids';

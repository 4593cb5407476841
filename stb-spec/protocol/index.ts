export * from './methods';
export * from './errors';
export * from './error-messages';
export * from './error-data';
export * from './json-rpc';
export { checkAgainst, checkParams, checkResult } from './validate';

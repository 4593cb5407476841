export * from './methods';
export * from './errors';
export * from './error-messages';
export * from './error-data';
export * from './json-rpc';
export { checkAgainst, checkResult } from './validate';
export * from './send-window';

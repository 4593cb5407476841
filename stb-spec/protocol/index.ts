export * from './methods';
export * from './errors';
export * from './json-rpc';
export { checkAgainst, checkParams, checkResult } from './validate';

/** node:http in the browser build: a plain HTTP request to the bridge is a Node-only check. */
import { nodeOnly } from './node-only';

export function request(): never {
  return nodeOnly('send a plain HTTP request');
}

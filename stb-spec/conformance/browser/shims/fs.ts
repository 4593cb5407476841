/** node:fs for the browser build: a page cannot read the host's files (socket-queues.ts). */
import { nodeOnly } from './node-only';

export function readFileSync(): never {
  return nodeOnly('read the host’s socket queues');
}

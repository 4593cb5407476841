/**
 * PLACEHOLDER BINDING — the session machine with a stand-in bridge watcher that reports an empty
 * reader, so the shell renders the real machine's `waitingForCard` state before the bridge client is
 * wired (`createActors` with `BridgeClient` and the platform SDK, a later change). Every other actor
 * keeps the machine's own "not provided" rejection.
 */
import { createActor, fromCallback } from 'xstate';
import { sessionMachine } from '../../machines';
import type { BridgeWatchEvent } from '../../machines';

export const createDemoSession = () =>
  createActor(
    sessionMachine.provide({
      actors: {
        watchBridge: fromCallback(({ sendBack }) => {
          sendBack({ type: 'CARD_STATUS', presence: 'absent' } satisfies BridgeWatchEvent);
        }),
      },
    }),
    { input: {} },
  );

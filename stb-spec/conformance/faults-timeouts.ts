/**
 * Injected faults of the card operation time limit (BR-MTH-76), for CK-66 and CK-67. Those cases
 * need the kit to be a slow or hanging card, so these faults run with --virtual-card against the
 * reference bridge on real PC/SC (timeouts.pcsc.test.ts), not in the simulator's fault-injection run.
 */
import type { InjectedFault } from './faults';
import { back, code, is, result } from './fault-helpers';

const BUSY = -32021;
const CARD_ERROR = -32020;
const STATUS_CHANGED = /\.statusChanged$/;

export function timeoutFaults(): InjectedFault[] {
  let limit: number | undefined;
  let timedOut = false;
  const heldStatus: (() => void)[] = [];
  let signsRunning = 0;
  /** Sign calls by connection and id: answered by the bridge, or by the fault before it. */
  const answeredByProxy = new Set<string>();
  const answered = new Set<string>();

  return [
    {
      requirement: 'BR-MTH-76',
      bug: 'a time-out answered without data {timeout: true}',
      fault: back((m) => {
        const data = m.error?.data as { timeout?: boolean } | undefined;
        if (code(m) === CARD_ERROR && data?.timeout) delete data.timeout;
      }),
    },
    {
      requirement: 'BR-MTH-76',
      bug: 'a stuck reader answers BUSY {reason: "operation"}',
      fault: back((m) => {
        const data = m.error?.data as { reason?: string } | undefined;
        if (code(m) === BUSY && data?.reason === 'stuck') data.reason = 'operation';
      }),
    },
    {
      requirement: 'BR-MTH-76',
      bug: 'no notification when the card is classified again after the stuck command',
      fault: back((m) => {
        if (code(m) === CARD_ERROR && (m.error?.data as { timeout?: boolean } | undefined)?.timeout)
          timedOut = true;
        if (timedOut && typeof m.method === 'string' && STATUS_CHANGED.test(m.method)) return [];
      }),
    },
    {
      requirement: 'BR-MTH-76',
      bug: 'gives up on a card after half the limit it advertises',
      fault: {
        fromClient: (frame, connection) => {
          let parsed: { id?: unknown; method?: unknown };
          try {
            parsed = JSON.parse(frame.text) as typeof parsed;
          } catch {
            return frame;
          }
          if (parsed.method === 'MyNumberCard.1.sign' && limit !== undefined) {
            const id = parsed.id;
            const key = `${connection.number}:${JSON.stringify(id)}`;
            setTimeout(() => {
              if (answered.has(key)) return;
              answeredByProxy.add(key); // the bridge's own answer, when it comes, is dropped
              const error = { code: CARD_ERROR, message: 'timed out', data: { timeout: true } };
              connection.toClient({ jsonrpc: '2.0', id, error });
            }, limit / 2);
          }
          return frame;
        },
        fromBridge: (m, call, connection) => {
          const key = `${connection.number}:${JSON.stringify(m.id)}`;
          if (is(call, 'sign')) answered.add(key);
          if (is(call, 'getInfo') && m.result) {
            limit = (result(m).limits as { cardOperationTimeoutMs: number }).cardOperationTimeoutMs;
          }
          if (is(call, 'sign') && answeredByProxy.delete(key)) return [];
          return [m];
        },
      },
    },
    {
      requirement: 'BR-MTH-76',
      bug: 'getStatus waits while a signature runs',
      fault: {
        fromClient: (frame) => {
          if (frame.text.includes('"MyNumberCard.1.sign"')) signsRunning++;
          return frame;
        },
        fromBridge: (m, call, connection) => {
          if (is(call, 'sign')) {
            signsRunning = Math.max(0, signsRunning - 1);
            if (signsRunning === 0) for (const send of heldStatus.splice(0)) send();
            return [m];
          }
          if (is(call, 'getStatus') && signsRunning > 0) {
            heldStatus.push(() => connection.toClient(m));
            return [];
          }
          return [m];
        },
      },
    },
  ];
}

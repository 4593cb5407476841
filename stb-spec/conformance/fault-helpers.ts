/** Building blocks of the injected faults (faults.ts, faults-card.ts). */
import type { Call, Fault, Message, ProxyConnection } from './fault-proxy';

export const CARD_OPS = new Set(
  ['readCertificate', 'readSignCertificate', 'getPinStatus', 'sign'].map((m) => `MyNumberCard.1.${m}`),
);
export const is = (call: Call | undefined, method: string) => call?.method === `MyNumberCard.1.${method}`;
export const result = (message: Message) => message.result as Record<string, unknown>;
export const code = (message: Message) => message.error?.code;

/** A fault that changes only what the bridge sends back. */
export const back = (
  rewrite: (message: Message, call: Call | undefined, connection: ProxyConnection) => Message[] | void,
): Fault => ({
  fromBridge: (message, call, connection) => rewrite(message, call, connection) ?? [message],
});

/** A bridge that answers error `from` with the code `to`: the error confused with another. */
export const recode = (from: number, to: number): Fault =>
  back((message) => {
    if (code(message) === from) message.error!.code = to;
  });

/** A bridge that leaves out the data the spec requires with error `errorCode`. */
export const withoutErrorData = (errorCode: number): Fault =>
  back((message) => {
    if (code(message) === errorCode) delete message.error!.data;
  });

/** A fault that changes only the client's JSON frames (object in, object out). */
export const forth = (
  rewrite: (message: Record<string, unknown>, connection: ProxyConnection) => Record<string, unknown> | null,
): Fault => ({
  fromClient: (frame, connection) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame.text);
    } catch {
      return frame;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return frame;
    const changed = rewrite(parsed as Record<string, unknown>, connection);
    return changed === null ? null : { text: JSON.stringify(changed), binary: frame.binary };
  },
});

export const paramsOf = (message: Record<string, unknown>) =>
  (message.params ?? {}) as Record<string, unknown>;

/**
 * Emulates a bridge that lets `accepts` decide whether a presented confirmLastAttempt counts: when it
 * does and the bridge refused with a fresh value, the call is sent again with that value.
 */
export function confirmationFault(
  accepts: (presented: unknown, call: Call, connection: ProxyConnection) => boolean,
  seen?: (value: string, call: Call, connection: ProxyConnection) => void,
): Fault {
  return back((message, call, connection) => {
    const fresh = (message.error?.data as { confirmation?: string } | undefined)?.confirmation;
    if (code(message) !== -32012 || !call || !fresh) return;
    const presented = call.params?.confirmLastAttempt;
    if (presented !== undefined && accepts(presented, call, connection)) {
      const params = { ...call.params, confirmLastAttempt: fresh };
      connection.calls.set(call.id, { ...call, params });
      connection.toBridge({ jsonrpc: '2.0', id: call.id, method: call.method, params });
      return [];
    }
    seen?.(fresh, call, connection);
  });
}

export const pinReference = (call: Call) =>
  is(call, 'sign') && call.params?.key === 'auth' ? 'auth' : 'sign';

/** A bridge that sends `method`'s certificate with the EF's padding after the DER element. */
export const paddedCertificate = (method: 'readCertificate' | 'readSignCertificate'): Fault =>
  back((message, call) => {
    if (!is(call, method) || !message.result) return;
    const der = Buffer.from(result(message).der as string, 'base64');
    result(message).der = Buffer.concat([der, Buffer.alloc(64, 0xff)]).toString('base64');
  });

/** The injected faults of methods, card handling, events and error codes (see faults.ts). */
import type { InjectedFault } from './faults';
import {
  CARD_OPS,
  back,
  code,
  confirmationFault,
  forth,
  is,
  paddedCertificate,
  paramsOf,
  pinReference,
  recode,
  result,
  withoutErrorData,
} from './fault-helpers';

export function cardFaults(): InjectedFault[] {
  const issuedTo = new Map<string, number>();
  const issuedFor = new Map<string, string>();
  const used = new Set<string>();
  let lastSignDer: string | undefined;
  const queues = new Map<number, { busy: boolean; waiting: Record<string, unknown>[] }>();
  let statusCalls = 0;

  return [
    {
      requirement: 'BR-MTH-1',
      bug: 'no card reported as no reader',
      fault: back((m, call) => {
        if (code(m) === -32002 && call?.params?.reader === undefined) m.error!.code = -32001;
      }),
    },
    {
      requirement: 'BR-MTH-2',
      bug: 'an unknown reader reported as no card',
      fault: recode(-32001, -32002),
    },
    {
      requirement: 'BR-MTH-3',
      bug: 'readers in changing order',
      fault: back((m, call) => {
        if (!is(call, 'getStatus') || !m.result) return;
        const readers = result(m).readers as unknown[];
        const phantom = { name: 'Phantom Reader 01', card: 'absent' };
        result(m).readers = ++statusCalls % 2 ? [...readers, phantom] : [phantom, ...readers];
      }),
    },
    {
      requirement: 'BR-MTH-4',
      bug: 'card operations queued',
      fault: {
        fromClient: (frame, connection) => {
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = JSON.parse(frame.text) as Record<string, unknown>;
          } catch {
            return frame;
          }
          if (!CARD_OPS.has(String(parsed?.method))) return frame;
          const queue = queues.get(connection.number) ?? { busy: false, waiting: [] };
          queues.set(connection.number, queue);
          if (queue.busy) {
            queue.waiting.push(parsed!);
            return null;
          }
          queue.busy = true;
          return frame;
        },
        fromBridge: (message, call, connection) => {
          const queue = queues.get(connection.number);
          if (queue && call && CARD_OPS.has(call.method)) {
            const next = queue.waiting.shift();
            queue.busy = next !== undefined;
            if (next) connection.toBridge(next);
          }
          return [message];
        },
      },
    },
    {
      requirement: 'BR-MTH-5',
      bug: 'PIN_FORMAT as -32602',
      fault: recode(-32013, -32602),
    },
    {
      requirement: 'BR-MTH-6',
      bug: 'a bare confirmLastAttempt true spends the last try',
      fault: confirmationFault((presented) => presented === true),
    },
    {
      requirement: 'BR-MTH-6',
      bug: 'a used confirmation accepted again',
      fault: {
        fromBridge: (message, call, connection) => {
          const presented = call?.params?.confirmLastAttempt;
          if (typeof presented === 'string' && message.result) used.add(presented);
          return confirmationFault((p) => typeof p === 'string' && used.has(p)).fromBridge!(
            message,
            call,
            connection,
            [],
          );
        },
      },
    },
    {
      requirement: 'BR-MTH-6',
      bug: 'another connection’s confirmation accepted',
      fault: confirmationFault(
        (p, _call, connection) =>
          typeof p === 'string' && issuedTo.has(p) && issuedTo.get(p) !== connection.number,
        (value, _call, connection) => issuedTo.set(value, connection.number),
      ),
    },
    {
      requirement: 'BR-MTH-6',
      bug: 'a confirmation for the other PIN accepted',
      fault: confirmationFault(
        (p, call) => typeof p === 'string' && issuedFor.has(p) && issuedFor.get(p) !== pinReference(call),
        (value, call) => issuedFor.set(value, pinReference(call)),
      ),
    },
    {
      requirement: 'BR-MTH-7',
      bug: 'a wrong PIN retried',
      fault: back((m, call, connection) => {
        if (code(m) !== -32010 || !call || call.params?.retried) return;
        connection.calls.set(call.id, { ...call, params: { ...call.params, retried: true } });
        connection.toBridge({ jsonrpc: '2.0', id: call.id, method: call.method, params: call.params });
        return [];
      }),
    },
    {
      requirement: 'BR-MTH-8',
      bug: 'CARD_REMOVED as CARD_ERROR',
      fault: recode(-32003, -32020),
    },
    {
      requirement: 'BR-MTH-20',
      bug: 'getStatus with [] fails',
      fault: forth((m, connection) => {
        if (m.method !== 'MyNumberCard.1.getStatus' || !Array.isArray(m.params)) return m;
        connection.toClient({ jsonrpc: '2.0', id: m.id, error: { code: -32020, message: 'Card error' } });
        return null;
      }),
    },
    {
      requirement: 'BR-MTH-21',
      bug: 'no token in getStatus',
      fault: back((m, call) => {
        if (is(call, 'getStatus') && m.result) delete result(m).token;
      }),
    },
    {
      requirement: 'BR-MTH-30',
      bug: 'certificates with the EF padding',
      fault: paddedCertificate('readCertificate'),
    },
    {
      requirement: 'BR-MTH-40',
      bug: 'the sign certificate returned for a wrong password',
      fault: back((m, call) => {
        if (!is(call, 'readSignCertificate')) return;
        if (m.result) lastSignDer = result(m).der as string;
        else if (code(m) === -32010 && lastSignDer)
          return [{ jsonrpc: '2.0', id: m.id, result: { der: lastSignDer } }];
      }),
    },
    {
      requirement: 'BR-MTH-50',
      bug: 'getPinStatus with the wrong maximum',
      fault: back((m, call) => {
        if (is(call, 'getPinStatus') && m.result) result(m).maxTries = 5;
      }),
    },
    {
      requirement: 'BR-MTH-60',
      bug: 'digests of any length padded to 32 bytes',
      fault: forth((m) => {
        const digest = paramsOf(m).digest;
        if (
          m.method !== 'MyNumberCard.1.sign' ||
          typeof digest !== 'string' ||
          Buffer.from(digest, 'base64').length === 32
        )
          return m;
        return { ...m, params: { ...paramsOf(m), digest: Buffer.alloc(32).toString('base64') } };
      }),
    },
    {
      requirement: 'BR-MTH-61',
      bug: 'a signature that does not verify',
      fault: back((m, call) => {
        if (!is(call, 'sign') || !m.result) return;
        const bytes = Buffer.from(result(m).signature as string, 'base64');
        bytes[100] = bytes[100]! ^ 0x01;
        result(m).signature = bytes.toString('base64');
      }),
    },
    {
      requirement: 'BR-CARD-1',
      bug: 'a card without the JPKI AP reported present',
      fault: back((m, call) => {
        if (!is(call, 'getStatus') || !m.result) return;
        for (const reader of result(m).readers as { card: string }[])
          if (reader.card === 'unsupported') reader.card = 'present';
      }),
    },
    {
      requirement: 'BR-CARD-3',
      bug: 'the sign certificate with the EF padding',
      fault: paddedCertificate('readSignCertificate'),
    },
    {
      requirement: 'BR-CARD-6',
      bug: 'tries left read one short',
      fault: back((m, call) => {
        if (!is(call, 'getPinStatus') || !m.result) return;
        const status = result(m);
        status.triesLeft = Math.max(0, (status.triesLeft as number) - 1);
        status.locked = status.triesLeft === 0;
      }),
    },
    {
      requirement: 'BR-CARD-7',
      bug: 'PIN_INCORRECT with the wrong tries left',
      fault: back((m) => {
        if (code(m) === -32010) (m.error!.data as { triesLeft: number }).triesLeft += 1;
      }),
    },
    {
      requirement: 'BR-CARD-8',
      bug: 'long PINs cut to 4 digits',
      fault: forth((m) => {
        const pin = paramsOf(m).pin;
        if (m.method !== 'MyNumberCard.1.sign' || typeof pin !== 'string' || !/^[0-9]{5,}$/.test(pin))
          return m;
        return { ...m, params: { ...paramsOf(m), pin: pin.slice(0, 4) } };
      }),
    },
    {
      requirement: 'BR-CARD-9',
      bug: 'the signature padded to 257 bytes',
      fault: back((m, call) => {
        if (is(call, 'sign') && m.result)
          result(m).signature = Buffer.concat([
            Buffer.of(0),
            Buffer.from(result(m).signature as string, 'base64'),
          ]).toString('base64');
      }),
    },
    {
      requirement: 'BR-CARD-10',
      bug: 'slot "sign" read without the password',
      fault: forth((m) => (paramsOf(m).slot === 'sign' ? { ...m, params: { slot: 'auth' } } : m)),
    },
    {
      requirement: 'BR-CARD-12',
      bug: 'CARD_ERROR without the status word',
      fault: withoutErrorData(-32020),
    },
    {
      requirement: 'BR-EVT-1',
      bug: 'register answers 1',
      fault: back((m, call) => {
        if (is(call, 'register') && m.result === 0) m.result = 1;
      }),
    },
    {
      requirement: 'BR-EVT-2',
      bug: 'unregister does nothing',
      fault: forth((m, connection) => {
        if (m.method !== 'MyNumberCard.1.unregister') return m;
        connection.toClient({ jsonrpc: '2.0', id: m.id, result: 0 });
        return null;
      }),
    },
    {
      requirement: 'BR-EVT-3',
      bug: 'every notification sent twice',
      fault: back((m) => (m.method ? [m, m] : undefined)),
    },
    {
      requirement: 'BR-EVT-4',
      bug: 'notifications without the token',
      fault: back((m) => {
        if (m.method) delete (m.params as Record<string, unknown>).token;
      }),
    },
    {
      requirement: 'BR-EVT-5',
      bug: 'notifications sent to every connection',
      fault: {
        fromBridge: (message, _call, connection, all) => {
          if (message.method) for (const other of all) if (other !== connection) other.toClient(message);
          return [message];
        },
      },
    },
    {
      requirement: 'BR-EVT-6',
      bug: 'a notification on register',
      fault: back((m, call) => {
        if (!is(call, 'register')) return;
        return [
          m,
          { jsonrpc: '2.0', method: `${String(call!.params?.id)}.statusChanged`, params: { readers: [] } },
        ];
      }),
    },
    {
      requirement: 'BR-EVT-7',
      bug: 'any event name registered',
      fault: forth((m) =>
        m.method === 'MyNumberCard.1.register'
          ? { ...m, params: { ...paramsOf(m), event: 'statusChanged' } }
          : m,
      ),
    },
    {
      requirement: 'BR-ERR-2',
      bug: 'PIN_INCORRECT without its data',
      fault: withoutErrorData(-32010),
    },
    {
      requirement: 'BR-ERR-1',
      bug: 'NO_READER with a code of its own',
      fault: recode(-32001, -32099),
    },
  ];
}

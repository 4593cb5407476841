/**
 * One realistic bridge bug per requirement the kit claims to cover, each made by the fault proxy in
 * front of the reference bridge (fault-injection.test.ts runs the kit's covering cases against each
 * and expects the run to fail). Requirements a proxy cannot break are listed with the reason.
 */
import type { Fault } from './fault-proxy';
import { back, code, forth, is, paramsOf, recode, result, withoutErrorData } from './fault-helpers';
import { cardFaults } from './faults-card';
import { identityFaults } from './faults-identity';
import { readerFaults } from './faults-readers';

export interface InjectedFault {
  requirement: string;
  bug: string;
  fault: Fault;
  /** The kit's mode for this fault (default simulator-controls). */
  mode?: 'none';
  /** Kit options the covering case needs (e.g. --production-image). */
  options?: { productionImage?: boolean };
}

/** Requirements the kit checks only from the card's side (--virtual-card sees the APDUs). */
export const NOT_BY_PROXY: Record<string, string> = {
  'BR-CARD-2': 'SELECT with P2 = 0C: only the card sees the command (CK-48 with --virtual-card)',
  'BR-CARD-11': 'commands outside §5.2: only the card sees them (CK-48 with --virtual-card)',
  'BR-CARD-14': 'a VERIFY per call: only the card sees it (CK-27 with --virtual-card)',
  'BR-SEC-20': 'no 個人番号 or card-info AP: only the card sees it (CK-48 with --virtual-card)',
};

export const FAULT_ORIGIN = 'http://127.0.0.1:8080';
export const FAULT_TOKEN = 'fault-injection-token-0123456789abcdefghijk';

/**
 * Every injected fault: the endpoint and JSON-RPC ones here, those of methods, card and events in
 * faults-card.ts, those of card identity and the 2.0 draft's other rules in faults-identity.ts.
 */
export function injectedFaults(): InjectedFault[] {
  return [...endpointFaults(), ...cardFaults(), ...identityFaults(), ...readerFaults()];
}

function endpointFaults(): InjectedFault[] {
  const unparsable = new Map<number, string[]>();
  const framesSent = new Map<number, number>();
  let stalledBy: number | undefined;
  const rate = new Map<number, number[]>();

  return [
    {
      requirement: 'BR-TRN-1',
      bug: 'serves at another path',
      fault: { upgrade: (o, f) => (o.path === '/jsonrpc' ? 404 : { ...f, path: '/jsonrpc' }) },
    },
    {
      requirement: 'BR-TRN-2',
      bug: 'upgrades any path',
      fault: { upgrade: (_o, f) => ({ ...f, path: '/jsonrpc' }) },
    },
    {
      requirement: 'BR-TRN-4',
      bug: 'the size error carries no maxBytes',
      fault: withoutErrorData(-32600),
    },
    {
      requirement: 'BR-TRN-5',
      bug: 'binary frames read as text',
      fault: { fromClient: (frame) => ({ ...frame, binary: false }) },
    },
    {
      requirement: 'BR-TRN-6',
      bug: 'only 3 connections at once',
      fault: { upgrade: (_o, f, open) => (open >= 3 ? 503 : f) },
    },
    { requirement: 'BR-TRN-7', bug: 'no pong', fault: { autoPong: false } },
    {
      requirement: 'BR-TRN-8',
      bug: 'a burst from one connection stalls the others',
      fault: {
        fromClient: (frame, connection) => {
          const count = (framesSent.get(connection.number) ?? 0) + 1;
          framesSent.set(connection.number, count);
          if (count >= 100) stalledBy = connection.number;
          return frame;
        },
        fromBridge: (message, _call, connection) =>
          stalledBy !== undefined && stalledBy !== connection.number ? [] : [message],
      },
    },
    {
      requirement: 'BR-TRN-9',
      bug: 'no limit on messages a second',
      fault: {
        fromClient: (frame, connection) => {
          const now = Date.now();
          const times = (rate.get(connection.number) ?? []).filter((t) => now - t < 1000);
          rate.set(connection.number, times);
          if (times.length >= 150) return null;
          times.push(now);
          return frame;
        },
      },
    },
    {
      // Twice the bound: the kit must be that sharp, so a bridge with no bound at all fails too.
      requirement: 'BR-TRN-11',
      bug: 'queues up to 2 MiB for a client that does not read',
      fault: { unreadCap: 2 * 1024 * 1024 },
    },
    {
      requirement: 'BR-SEC-2',
      bug: 'Origin compared by prefix',
      fault: { upgrade: (o, f) => (o.origin?.startsWith(FAULT_ORIGIN) ? { ...f, origin: FAULT_ORIGIN } : f) },
    },
    {
      requirement: 'BR-SEC-2',
      bug: 'Origin compared without case',
      fault: {
        upgrade: (o, f) => (o.origin?.toLowerCase() === FAULT_ORIGIN ? { ...f, origin: FAULT_ORIGIN } : f),
      },
    },
    {
      requirement: 'BR-SEC-3',
      bug: 'the origin "null" allowed',
      fault: { upgrade: (o, f) => (o.origin === 'null' ? { ...f, origin: FAULT_ORIGIN } : f) },
    },
    {
      requirement: 'BR-SEC-4',
      bug: 'a missing token accepted',
      fault: { upgrade: (o, f) => (o.token === null ? { ...f, token: FAULT_TOKEN } : f) },
    },
    {
      requirement: 'BR-SEC-4',
      bug: 'the token compared without its last character',
      fault: {
        upgrade: (o, f) =>
          o.token !== null && o.token.slice(0, -1) === FAULT_TOKEN.slice(0, -1)
            ? { ...f, token: FAULT_TOKEN }
            : f,
      },
    },
    {
      requirement: 'BR-SEC-5',
      bug: 'the refusal names the failed check',
      fault: {
        upgrade: (o, f) =>
          o.origin !== FAULT_ORIGIN
            ? 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 12\r\n\r\nbad origin\r\n'
            : f,
      },
    },
    {
      requirement: 'BR-SEC-6',
      bug: 'any Host accepted',
      fault: { upgrade: (_o, f) => ({ ...f, host: undefined }) },
    },
    {
      requirement: 'BR-SEC-11',
      bug: 'PIN_FORMAT quotes the PIN',
      fault: back((m, call) => {
        if (code(m) === -32013) m.error!.message += ` (${String(call?.params?.pin)})`;
      }),
    },
    {
      requirement: 'BR-SEC-23',
      bug: 'the simulator extension reachable',
      mode: 'none',
      fault: { hideSimulator: false },
    },
    {
      requirement: 'BR-RPC-1',
      bug: 'a batch of one served',
      fault: {
        fromClient: (frame) => {
          try {
            const parsed = JSON.parse(frame.text) as unknown;
            if (Array.isArray(parsed) && parsed.length === 1)
              return { ...frame, text: JSON.stringify(parsed[0]) };
          } catch {
            // not JSON
          }
          return frame;
        },
      },
    },
    {
      requirement: 'BR-RPC-2',
      bug: 'parse errors as -32600',
      fault: recode(-32700, -32600),
    },
    {
      requirement: 'BR-RPC-3',
      bug: 'other versions served',
      fault: forth((m) =>
        typeof m.method === 'string'
          ? { ...m, method: m.method.replace('MyNumberCard.2.', 'MyNumberCard.1.') }
          : m,
      ),
    },
    {
      requirement: 'BR-RPC-4',
      bug: 'unknown params members ignored',
      fault: forth((m) => {
        const { extra: _extra, x: _x, ...params } = paramsOf(m);
        return m.params && !Array.isArray(m.params) ? { ...m, params } : m;
      }),
    },
    {
      requirement: 'BR-RPC-5',
      bug: 'numeric ids echoed as strings',
      fault: back((m) => {
        if (typeof m.id === 'number') m.id = String(m.id);
      }),
    },
    {
      requirement: 'BR-RPC-6',
      bug: 'notifications answered',
      fault: forth((m, connection) => {
        if (m.id === undefined && typeof m.method === 'string')
          connection.toClient({
            jsonrpc: '2.0',
            id: null,
            error: { code: -32600, message: 'Invalid Request' },
          });
        return m;
      }),
    },
    {
      requirement: 'BR-RPC-7',
      bug: 'the connection closed after a parse error',
      fault: back((m, _call, connection) => {
        if (code(m) === -32700) setTimeout(() => connection.close(1011), 10);
      }),
    },
    {
      requirement: 'BR-RPC-9',
      bug: 'the parse error quotes the JSON parser’s message',
      fault: {
        fromClient: (frame, connection) => {
          try {
            JSON.parse(frame.text);
          } catch (error) {
            unparsable.set(connection.number, [
              ...(unparsable.get(connection.number) ?? []),
              (error as Error).message,
            ]);
          }
          return frame;
        },
        fromBridge: (message, _call, connection) => {
          const quoted = code(message) === -32700 ? unparsable.get(connection.number)?.shift() : undefined;
          if (quoted) message.error!.message = quoted;
          return [message];
        },
      },
    },
    {
      requirement: 'BR-RPC-10',
      bug: 'an extra result member',
      fault: back((m, call) => {
        if (is(call, 'getPinStatus') && m.result) result(m).retryCounterHint = 'x';
      }),
    },
    {
      requirement: 'BR-VER-1',
      bug: 'method names without case',
      fault: forth((m) =>
        m.method === 'MyNumberCard.1.getstatus' ? { ...m, method: 'MyNumberCard.1.getStatus' } : m,
      ),
    },
  ];
}

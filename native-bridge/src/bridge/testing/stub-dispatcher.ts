/** A Dispatcher over a stubbed CardService, for tests of what the app hears (no card, no socket). */
import type { CardService } from '../card-service';
import { Confirmations } from '../confirmations';
import { Dispatcher, type Reply, type Subscriptions } from '../dispatcher';
import type { LogFields, Logger, LogLevel } from '../logger';

export const DIGEST = Buffer.alloc(32, 7).toString('base64');
export const SIGNATURE = Uint8Array.of(1, 2, 3);

export function stubCards(overrides: Partial<Record<keyof CardService, unknown>> = {}) {
  return {
    operationTimeoutMs: 15_000,
    readerAllowList: () => undefined,
    status: () => ({ readerService: 'running', readers: [] }),
    readCertificate: jest.fn(async () => Uint8Array.of(0x30, 0x00)),
    readSignCertificate: jest.fn(async () => Uint8Array.of(0x30, 0x01)),
    pinStatus: jest.fn(async () => ({ triesLeft: 3, maxTries: 3, locked: false })),
    sign: jest.fn(async () => SIGNATURE),
    ...overrides,
  };
}

export function setUp(cards = stubCards(), extensions = {}) {
  const lines: { level: LogLevel; event: string; fields?: LogFields }[] = [];
  const logger: Logger = { log: (level, event, fields) => lines.push({ level, event, fields }) };
  const registered: string[] = [];
  const subscriptions: Subscriptions = {
    register: (id) => registered.length < 2 && registered.push(id) > 0,
    unregister: (id) => registered.splice(registered.indexOf(id), 1),
  };
  const dispatcher = new Dispatcher(cards as unknown as CardService, logger, extensions, new Confirmations());
  const send = (message: unknown, connection = 1) =>
    dispatcher.handle(
      typeof message === 'string' ? message : JSON.stringify(message),
      subscriptions,
      connection,
    );
  const call = async (method: string, params?: unknown, id: unknown = 1, connection = 1) =>
    (await send({ jsonrpc: '2.0', id, method: `MyNumberCard.1.${method}`, params }, connection)) as Reply & {
      result?: Record<string, unknown>;
      error?: { code: number; message: string; data?: Record<string, unknown> };
    };
  return { dispatcher, cards, lines, registered, send, call };
}

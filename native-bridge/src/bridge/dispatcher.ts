/**
 * JSON-RPC 2.0 for one message: parse, check the envelope and params against the protocol schemas,
 * run the method on the CardService, and map every failure to the protocol's error codes. Never
 * throws; every message that deserves an answer gets one.
 */
// Not the protocol's index: it builds every schema object, which the bundle leaves out (bridge-checks.ts).
import { checkParams, checkRequest, checkRequestId } from '../../../stb-spec/protocol/bridge-checks';
import { errorMessage } from '../../../stb-spec/protocol/error-messages';
import { BridgeErrorCode, JsonRpcErrorCode } from '../../../stb-spec/protocol/errors';
import type { Request } from '../../../stb-spec/protocol/json-rpc';
import type { Info, ParamsOf, ResultOf } from '../../../stb-spec/protocol/methods';
import {
  LIMITS,
  MAX_MESSAGE_BYTES,
  METHOD_NAMES,
  SPEC_VERSION,
  methodOf,
  type MethodName,
} from '../../../stb-spec/protocol/names';
import {
  CardBusyError,
  CardChangedError,
  CardError,
  CardStatusError,
  CardTimeoutError,
  LastAttemptNeedsConfirmationError,
  NotMyNumberCardError,
  PinIncorrectError,
} from '../jpki/errors';
import type { CardService } from './card-service';
import { Confirmations, pinReferenceOfKey, type PinReference } from './confirmations';
import type { Logger } from './logger';
import { IMPLEMENTATION } from './version';
import { monotonicMs } from '../monotonic-ms';

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

type Id = string | number | null;
export type Reply = { jsonrpc: '2.0'; id: Id; result: unknown } | { jsonrpc: '2.0'; id: Id; error: RpcError };

/** What a connection does with register/unregister (subscriptions live with the connection). */
export interface Subscriptions {
  /** False when the connection already holds LIMITS.maxRegistrations other ids. */
  register(id: string): boolean;
  unregister(id: string): void;
}

interface CallContext {
  subscriptions: Subscriptions;
  connection: number;
}

class RpcFailure extends Error {
  constructor(readonly error: RpcError) {
    super(error.message);
  }
}

export const fail = (code: number, message: string, data?: unknown): never => {
  throw new RpcFailure(data === undefined ? { code, message } : { code, message, data });
};

/** Methods beyond the protocol (e.g. the simulator's insertCard), by fully qualified name. */
export type Extensions = Record<string, (params: unknown) => Promise<unknown>>;

export class Dispatcher {
  constructor(
    private readonly cards: CardService,
    private readonly logger: Logger,
    private readonly extensions: Extensions = {},
    private readonly confirmations = new Confirmations(),
  ) {
    // Compile every schema now, so the first call of each method pays no compilation.
    for (const name of METHOD_NAMES) checkParams(name, undefined);
  }

  /** The reply to one frame, or undefined for a notification (no id). */
  async handle(
    frame: string | Uint8Array,
    subscriptions: Subscriptions,
    connection: number,
    isBinary = false,
  ): Promise<Reply | undefined> {
    const started = monotonicMs();
    let id: Id = null;
    let method: MethodName | undefined;
    let notification = false;
    try {
      const size = typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length;
      if (size > MAX_MESSAGE_BYTES) {
        fail(JsonRpcErrorCode.INVALID_REQUEST, errorMessage('INVALID_REQUEST', 'message too large'), {
          maxBytes: MAX_MESSAGE_BYTES,
        });
      }
      const message = parse(frame, isBinary);
      // Echo only ids the protocol allows (integers, strings ≤ 128); anything else is answered with null.
      if (isObject(message) && checkRequestId(message.id) === undefined) id = message.id as Id;
      if (checkRequest(message)) {
        fail(JsonRpcErrorCode.INVALID_REQUEST, errorMessage('INVALID_REQUEST'));
      }
      const request = message as Request;
      notification = request.id === undefined;
      method = methodOf(request.method);
      // A notification gets no answer, so it must not have any effect either: a PIN sent without
      // an id would spend a try the app never hears about.
      if (notification) {
        this.logger.log('info', 'notification ignored', { method: method ?? 'unknown', connection });
        return undefined;
      }
      const extension = Object.hasOwn(this.extensions, request.method)
        ? this.extensions[request.method]
        : undefined;
      if (!method && !extension) fail(JsonRpcErrorCode.METHOD_NOT_FOUND, errorMessage('METHOD_NOT_FOUND'));
      const result = method
        ? await this.call(method, request.params ?? {}, { subscriptions, connection })
        : await extension!(request.params ?? {});
      this.logger.log('info', 'call', {
        method: method ?? request.method,
        requestId: loggableId(id),
        ms: elapsed(started),
        connection,
      });
      return { jsonrpc: '2.0', id, result };
    } catch (caught) {
      const error = toRpcError(caught);
      const level = error.code === JsonRpcErrorCode.INTERNAL_ERROR ? 'error' : 'info';
      this.logger.log(level, 'call failed', {
        method: method ?? 'unknown',
        requestId: loggableId(id),
        code: error.code,
        ms: elapsed(started),
        connection,
      });
      // JSON-RPC 2.0 §4.1: a well-formed notification is never answered, not even with an error.
      return notification ? undefined : { jsonrpc: '2.0', id, error };
    }
  }

  /** A closed connection's one-time values can never be presented again: drop them. */
  closed(connection: number): void {
    this.confirmations.forget(connection);
  }

  private async call(method: MethodName, rawParams: unknown, context: CallContext): Promise<unknown> {
    const params = Array.isArray(rawParams) && rawParams.length === 0 ? {} : rawParams;
    const problem = checkParams(method, params);
    if (problem) fail(JsonRpcErrorCode.INVALID_PARAMS, errorMessage('INVALID_PARAMS', problem));
    return this.methods[method](params as never, context);
  }

  /**
   * Runs a call that carries a PIN. The card layer gets `confirmLastAttempt: true` only for the
   * valid one-time value of this connection and PIN; when the card layer refuses the last try, the
   * reply carries a fresh value for the warning screen to send back.
   */
  private async withLastTry<T>(
    { connection }: CallContext,
    reference: PinReference,
    presented: unknown,
    operation: (confirmLastAttempt: boolean) => Promise<T>,
  ): Promise<T> {
    const confirmLastAttempt = this.confirmations.consume(connection, reference, presented);
    try {
      return await operation(confirmLastAttempt);
    } catch (error) {
      if (!(error instanceof LastAttemptNeedsConfirmationError)) throw error;
      return fail(BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION, errorMessage(error.errorName), {
        triesLeft: 1,
        confirmation: this.confirmations.issue(connection, reference),
      });
    }
  }

  private readonly methods: {
    [M in MethodName]: (params: ParamsOf<M>, context: CallContext) => Promise<ResultOf<M>>;
  } = {
    getInfo: async () => info(this.cards.readerAllowList() !== undefined, this.cards.operationTimeoutMs),
    getStatus: async () => this.cards.status(),
    readCertificate: async ({ slot, reader, cardId }) => ({
      der: base64(await this.cards.readCertificate(slot, { reader, cardId })),
    }),
    readSignCertificate: async ({ pin, confirmLastAttempt, reader, cardId }, context) => ({
      der: base64(
        await this.withLastTry(context, 'sign', confirmLastAttempt, (confirmed) =>
          this.cards.readSignCertificate(pin, { confirmLastAttempt: confirmed }, { reader, cardId }),
        ),
      ),
    }),
    getPinStatus: async ({ pin, reader, cardId }) => this.cards.pinStatus(pin, { reader, cardId }),
    sign: async ({ key, pin, digest, confirmLastAttempt, reader, cardId }, context) => {
      const bytes = Buffer.from(digest, 'base64');
      if (bytes.length !== 32)
        fail(
          JsonRpcErrorCode.INVALID_PARAMS,
          errorMessage('INVALID_PARAMS', 'digest must be 32 bytes (SHA-256)'),
        );
      const signature = await this.withLastTry(
        context,
        pinReferenceOfKey(key),
        confirmLastAttempt,
        (confirmed) =>
          this.cards.sign(key, pin, bytes, { confirmLastAttempt: confirmed }, { reader, cardId }),
      );
      return { signature: base64(signature) };
    },
    register: async ({ id }, { subscriptions }) => {
      if (!subscriptions.register(id)) {
        fail(
          JsonRpcErrorCode.INVALID_PARAMS,
          errorMessage('INVALID_PARAMS', `at most ${LIMITS.maxRegistrations} registrations per connection`),
        );
      }
      return 0 as const;
    },
    unregister: async ({ id }, { subscriptions }) => {
      subscriptions.unregister(id);
      return 0 as const;
    },
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON text frames only: binary frames and invalid UTF-8 are parse errors like malformed JSON. */
function parse(frame: string | Uint8Array, isBinary: boolean): unknown {
  try {
    if (isBinary) throw new Error('binary frame');
    return JSON.parse(typeof frame === 'string' ? frame : strictUtf8.decode(frame));
  } catch {
    // The parser's own message quotes the input (which may hold a PIN): never pass it on.
    return fail(JsonRpcErrorCode.PARSE_ERROR, errorMessage('PARSE_ERROR'));
  }
}

/**
 * `readerAllowList` only when the configuration names the readers served (BR-SEC-51);
 * `cardOperationTimeoutMs`: the time the bridge applies (tests may set it below the spec's).
 */
function info(servesListedReaders: boolean, cardOperationTimeoutMs: number): Info {
  return {
    specVersion: SPEC_VERSION,
    protocolVersion: 1,
    implementation: { ...IMPLEMENTATION },
    capabilities: [
      'cardId',
      'lastAttemptConfirmation',
      ...(servesListedReaders ? (['readerAllowList'] as const) : []),
    ],
    limits: { ...LIMITS, cardOperationTimeoutMs },
  };
}

/**
 * Maps a card error to its code, the spec's message for that code and the data its schema allows,
 * nothing more (the schemas are closed). What a client may act on is in `data` (tries left, status
 * word, time-out); the card layer's own wording stays inside the bridge.
 */
function toRpcError(caught: unknown): RpcError {
  if (caught instanceof RpcFailure) return caught.error;
  if (caught instanceof CardError) {
    const error: RpcError = {
      code: BridgeErrorCode[caught.errorName],
      message: errorMessage(caught.errorName),
    };
    const data: Record<string, unknown> = {};
    if (caught instanceof PinIncorrectError) data.triesLeft = caught.triesLeft;
    if (caught instanceof NotMyNumberCardError) data.atr = caught.atr ?? '';
    if (caught instanceof CardStatusError) data.sw = caught.swHex;
    if (caught instanceof CardTimeoutError) data.timeout = true;
    if (caught instanceof CardBusyError) data.reason = caught.reason;
    if (caught instanceof CardChangedError && caught.currentCardId !== undefined) {
      data.cardId = caught.currentCardId;
    }
    const mayCarryOutcome = caught.errorName === 'CARD_REMOVED' || caught.errorName === 'CARD_ERROR';
    if (mayCarryOutcome && caught.verifyOutcome) data.verifyOutcome = caught.verifyOutcome;
    if (Object.keys(data).length > 0) error.data = data;
    return error;
  }
  return { code: JsonRpcErrorCode.INTERNAL_ERROR, message: errorMessage('INTERNAL_ERROR') };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const elapsed = (started: number) => Math.round((monotonicMs() - started) * 100) / 100;
/** Ids are the client's to choose; only numbers are logged, so nothing typed by a viewer can ride in one. */
const loggableId = (id: Id) => (typeof id === 'number' ? id : undefined);

/**
 * Assertions on bridge answers shared by the cases: results, error codes, PIN counters, certificates,
 * and the steps of the cases that spend PIN tries.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { BridgeErrorCode, CONFIRMATION_PATTERN, errorNameOf } from '../protocol';
import { PIN_MAX_TRIES } from '../protocol/jpki-card';
import { check, fail, show, type CaseContext } from './case';
import type { KitClient, Reply } from './client';
import type { RpcErrorObject } from './message-checks';

export const Code = { ...BridgeErrorCode, PARSE: -32700, REQUEST: -32600, METHOD: -32601, PARAMS: -32602 };

const describe = (code: number) => `${errorNameOf(code) ?? 'unknown'} (${code})`;

export function resultOf<T = unknown>(reply: Reply, what: string): T {
  if (reply.kind === 'error') {
    fail(`${what}: expected a result, got error ${describe(reply.error.code)} "${reply.error.message}"`);
  }
  return reply.result as T;
}

export function errorOf(reply: Reply, code: number, what: string): RpcErrorObject {
  if (reply.kind === 'result')
    fail(`${what}: expected error ${describe(code)}, got result ${show(reply.result)}`);
  if (reply.error.code !== code) {
    fail(
      `${what}: expected error ${describe(code)}, got ${describe(reply.error.code)} "${reply.error.message}"`,
    );
  }
  return reply.error;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest();
export const digestOf = (text: string) => sha256(text).toString('base64');

export interface PinStatus {
  triesLeft: number;
  maxTries: number;
  locked: boolean;
}

export async function pinStatus(
  ctx: CaseContext,
  client: KitClient,
  kind: 'auth' | 'sign',
): Promise<PinStatus> {
  const reply = await client.call('getPinStatus', { pin: kind, ...ctx.readerParam() });
  return resultOf<PinStatus>(reply, `getPinStatus ${kind}`);
}

/**
 * Before any try is spent the counter must be exactly what the case expects: with a real test card
 * a surprise here means stop, never "try anyway" (BR-CNF-2).
 */
export async function requireTries(
  ctx: CaseContext,
  client: KitClient,
  kind: 'auth' | 'sign',
  triesLeft: number,
  when: string,
): Promise<void> {
  const status = await pinStatus(ctx, client, kind);
  check(
    status.triesLeft === triesLeft,
    `${when}: the ${kind} PIN has ${status.triesLeft} tries left, expected ${triesLeft} — stopped without spending a try`,
  );
}

/**
 * The length a DER SEQUENCE says it has (header included), or undefined when the bytes do not start
 * with one. X.509 parsers ignore bytes after the certificate, so the EF's padding must be found here.
 */
function derElementLength(der: Uint8Array): number | undefined {
  if (der.length < 2 || der[0] !== 0x30) return undefined;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  if (octets === 0 || octets > 3 || der.length < 2 + octets) return undefined;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + der[2 + i]!;
  return 2 + octets + length;
}

/** The DER is exactly one element: nothing after it (BR-CARD-3, BR-MTH-30). */
export function checkExactDer(der: Uint8Array, what: string): void {
  const length = derElementLength(der);
  check(length !== undefined, `${what}: der does not start with a DER SEQUENCE header`);
  check(
    length === der.length,
    `${what}: der is ${der.length} bytes but its DER header says ${length}: ` +
      `${der.length > length ? 'bytes after the certificate (the EF padding?)' : 'truncated'} (BR-CARD-3, BR-MTH-30)`,
  );
}

export function certificate(derBase64: string, what: string): X509Certificate {
  const der = Buffer.from(derBase64, 'base64');
  check(der.toString('base64') === derBase64, `${what}: der is not canonical base64 (RFC 4648 §4)`);
  checkExactDer(der, what);
  try {
    return new X509Certificate(der);
  } catch (error) {
    return fail(`${what}: not an X.509 certificate in DER (${(error as Error).message})`);
  }
}

export async function readCertificate(
  ctx: CaseContext,
  client: KitClient,
  slot: string,
): Promise<X509Certificate> {
  const { der } = resultOf<{ der: string }>(
    await client.call('readCertificate', { slot, ...ctx.readerParam() }),
    `readCertificate ${slot}`,
  );
  return certificate(der, `readCertificate ${slot}`);
}

export function signParams(ctx: CaseContext, pin: string, extra: Record<string, unknown> = {}) {
  return {
    key: 'auth',
    pin,
    hash: 'SHA-256',
    digest: digestOf('conformance'),
    ...ctx.readerParam(),
    ...extra,
  };
}

/** The auth PIN of the test card, and a wrong one of the right format. */
export function authPins(ctx: CaseContext): { right: string; wrong: string } {
  const right = ctx.options.authPin!;
  return { right, wrong: right === '0000' ? '9999' : '0000' };
}

export function signPins(ctx: CaseContext): { right: string; wrong: string } {
  const right = ctx.options.signPin!;
  return { right, wrong: right === 'WRONG1' ? 'WRONG2' : 'WRONG1' };
}

/** APDUs with INS VERIFY that carry data (a PIN), among commands. */
export const pinVerifies = (commands: Uint8Array[]) =>
  commands.filter((apdu) => apdu[0] === 0x00 && apdu[1] === 0x20 && apdu.length > 5);

/** Runs body and returns the APDUs the bridge sent meanwhile (empty when the kit cannot see them). */
export async function apdusDuring<T>(
  ctx: CaseContext,
  body: () => Promise<T>,
): Promise<[T, Uint8Array[] | undefined]> {
  const from = ctx.apdus?.count ?? 0;
  const value = await body();
  return [value, ctx.apdus?.since(from)];
}

/** The one-time value of a LAST_ATTEMPT_NEEDS_CONFIRMATION answer (checked against its pattern). */
function confirmationOf(error: RpcErrorObject, what: string): string {
  const data = error.data as { triesLeft?: unknown; confirmation?: unknown } | undefined;
  check(data?.triesLeft === 1, `${what}: data.triesLeft must be 1, got ${show(data)}`);
  const value = data?.confirmation;
  check(
    typeof value === 'string' && new RegExp(CONFIRMATION_PATTERN).test(value),
    `${what}: data.confirmation must be a one-time value matching ${CONFIRMATION_PATTERN}, got ${show(value)}`,
  );
  return value;
}

/**
 * Makes a PIN call as the app does after the viewer confirmed: when it is refused with -32012, sends
 * it once more with that answer's one-time value. For restoring counters with a known-right PIN.
 */
export async function confirmedCall(
  client: KitClient,
  method: 'sign' | 'readSignCertificate',
  params: Record<string, unknown>,
): Promise<Reply> {
  const first = await client.call(method, params);
  if (first.kind !== 'error' || first.error.code !== Code.LAST_ATTEMPT_NEEDS_CONFIRMATION) return first;
  const value = (first.error.data as { confirmation?: unknown } | undefined)?.confirmation;
  if (typeof value !== 'string') return first;
  return client.call(method, { ...params, confirmLastAttempt: value });
}

/*
 * Steps of the cases that spend PIN tries. With --interactive the card is a real test card, so the
 * right PIN is proven before any wrong one, a case that stops half way puts the counters back, and
 * the last-try guard is walked the same way wherever a case reaches one try left.
 */

/** Signs with the right auth PIN: proves --pin before any wrong one is tried. */
export async function proveAuthPin(ctx: CaseContext, client: KitClient): Promise<void> {
  const reply = await client.call('sign', signParams(ctx, authPins(ctx).right));
  if (reply.kind === 'error' && reply.error.code === Code.PIN_INCORRECT) {
    check(false, "the card refused --pin: it is not this card's auth PIN — stopped (one try was spent)");
  }
  resultOf(reply, 'sign with the right PIN');
}

/** Puts half-spent counters back to full with the known-right PINs (never on a locked card). */
async function restoreCounters(ctx: CaseContext, client: KitClient): Promise<void> {
  const auth = await pinStatus(ctx, client, 'auth');
  if (auth.triesLeft > 0 && auth.triesLeft < PIN_MAX_TRIES.auth)
    await confirmedCall(client, 'sign', signParams(ctx, authPins(ctx).right));
  if (!ctx.options.signPin) return;
  const sign = await pinStatus(ctx, client, 'sign');
  if (sign.triesLeft > 0 && sign.triesLeft < PIN_MAX_TRIES.sign)
    await confirmedCall(client, 'readSignCertificate', { pin: signPins(ctx).right, ...ctx.readerParam() });
}

/** Runs body; if it fails, restores the counters (when the connection still stands) before failing. */
export async function withRestore(
  ctx: CaseContext,
  client: KitClient,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (client.isOpen) await restoreCounters(ctx, client).catch(() => undefined);
    throw error;
  }
}

/** -32012 with a fresh one-time value, and no PIN sent to the card meanwhile. */
export async function refusedAtLastTry(
  ctx: CaseContext,
  send: () => Promise<Reply>,
  what: string,
  earlier: string[] = [],
): Promise<string> {
  const [reply, apdus] = await apdusDuring(ctx, send);
  const value = confirmationOf(errorOf(reply, Code.LAST_ATTEMPT_NEEDS_CONFIRMATION, what), what);
  check(!earlier.includes(value), `${what}: the bridge handed out a value it had handed out before`);
  if (apdus) check(pinVerifies(apdus).length === 0, `${what}: a VERIFY carrying the PIN reached the card`);
  return value;
}

/**
 * At one try left, the right secret (`attempt`) is refused (-32012) without reaching the card and the
 * counter stays at 1; with the one-time value handed out it goes through and the counter is full.
 */
export async function passLastTryGuard(
  ctx: CaseContext,
  client: KitClient,
  kind: 'auth' | 'sign',
  attempt: (confirmation?: { confirmLastAttempt: string }) => Promise<Reply>,
): Promise<void> {
  const secret = kind === 'auth' ? 'PIN' : 'password';
  const confirmation = await refusedAtLastTry(
    ctx,
    () => attempt(),
    `the right ${secret} without confirmLastAttempt`,
  );
  await requireTries(ctx, client, kind, 1, 'after the guard (the counter must not move)');
  resultOf(
    await attempt({ confirmLastAttempt: confirmation }),
    `the right ${secret} with the one-time confirmation`,
  );
  await requireTries(ctx, client, kind, PIN_MAX_TRIES[kind], `after the confirmed right ${secret}`);
}

/** The connection still serves after `what`: an error must not have broken it (a fresh getStatus). */
export async function expectStillServing(client: KitClient, what: string): Promise<void> {
  resultOf(await client.call('getStatus'), `getStatus after ${what}`);
}

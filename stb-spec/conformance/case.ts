/**
 * What a conformance case is, what it may use while it runs, and how it ends. A case throws
 * CaseFailure (via `fail`/`check`) to fail, CaseSkip when a precondition cannot be met; returning
 * normally means it passed.
 */
import type { CardStage } from './card-stage';
import type { ApduLog, KnownCard } from './card-control';
import type { KitClient, ConnectOptions } from './client';

type Area = 'transport' | 'security' | 'json-rpc' | 'methods' | 'errors' | 'events' | 'privacy';

/** The card a case starts with: a fresh card of that kind in the reader, or none. */
export type CardSetup = 'normal' | 'last-try' | 'locked' | 'not-my-number-card' | 'faulty-sign' | 'none';

/** How the kit changes cards: see README.md "Modes". */
export type ControlMode = 'virtual-card' | 'simulator-controls' | 'interactive' | 'none';

export interface KitOptions {
  url: string;
  origin: string;
  token?: string;
  /** The test card's auth PIN (4 digits) and signature password. */
  authPin?: string;
  signPin?: string;
  /** When set, every card operation names this reader and status checks look at it only. */
  reader?: string;
  /** How long the kit waits for one answer. */
  timeoutMs: number;
  /** --production-image: the box runs the image it ships (no virtual reader, readers named). */
  productionImage?: boolean;
  /** A reader holding a card that is not for the bridge (a B-CAS slot), which it must never serve. */
  foreign?: ForeignSlot;
}

/** The reader of a card that is not for the bridge (--foreign-reader, or the kit's --foreign-vpcd card). */
export interface ForeignSlot {
  reader: string;
  /** APDUs its card received since the kit put it in: only when the kit plays that card. */
  apduCount?(): number;
  /** Takes the card out and puts it back (only when the kit plays it): news a watching bridge would see. */
  reinsert?(): Promise<void>;
}

export interface ConformanceCase {
  id: string;
  title: string;
  area: Area;
  /** The card the case starts with; absent: the case does not use a card. */
  card?: CardSetup;
  /** The case inserts or removes cards itself (needs a card-control mode). */
  changesCard?: boolean;
  needs?: { authPin?: boolean; signPin?: boolean; token?: boolean; apduLog?: boolean };
  /**
   * Where the case is optional: when such a mode cannot provide what it needs, it is reported
   * "not applicable" and does not count against the run (CARD_ERROR with a real card, say).
   * `true` = in every mode.
   */
  optionalIn?: ControlMode[] | true;
  run(context: CaseContext): Promise<void>;
}

/**
 * The usual start of a case's run: one new connection (see `CaseContext.connect`), handed to
 * `body` with the context. `run: connected(async (client, ctx) => { … })`.
 */
export const connected =
  (body: (client: KitClient, ctx: CaseContext) => Promise<void>) =>
  async (ctx: CaseContext): Promise<void> =>
    body(await ctx.connect(), ctx);

/** A case on the normal card, run on one new connection: `...onNormalCard(async (client, ctx) => { … })`. */
export const onNormalCard = (body: (client: KitClient, ctx: CaseContext) => Promise<void>) => ({
  card: 'normal' as const,
  run: connected(body),
});

/** The same, for a case that needs the PINs `needs` names: `...onNormalCardWith({ authPin: true }, …)`. */
export const onNormalCardWith = (
  needs: ConformanceCase['needs'],
  body: (client: KitClient, ctx: CaseContext) => Promise<void>,
) => ({ ...onNormalCard(body), needs });

export interface CaseContext {
  readonly options: KitOptions;
  readonly mode: ControlMode;
  readonly stage: CardStage;
  /** Every APDU the bridge sent to the card: only when the kit is the card (--virtual-card). */
  readonly apdus?: ApduLog;
  /** What the kit knows about the card it controls (certificates, ATRs), when it does. */
  readonly known?: KnownCard;
  /** A new connection with the allowed Origin (and token); closed and checked when the case ends. */
  connect(options?: ConnectOptions): Promise<KitClient>;
  /** `{ reader }` when --reader is set, else `{}`: spread into every card operation's params. */
  readerParam(): { reader?: string };
  /** A line shown under the case in the report (timings, what was observed). */
  note(text: string): void;
}

/** 'node-only': the browser build of the kit cannot make the check (a forged Origin or Host, raw HTTP). */
export type Verdict = 'passed' | 'failed' | 'skipped' | 'not-applicable' | 'node-only';

export interface CaseResult {
  id: string;
  title: string;
  area: Area;
  requirements: string[];
  verdict: Verdict;
  /** Why it failed, was skipped or does not apply. */
  reason?: string;
  notes: string[];
  durationMs: number;
}

export class CaseFailure extends Error {}
export class CaseSkip extends Error {}
/** Thrown by the browser build where a check needs what only Node can send (see browser/README.md). */
export class NodeOnly extends CaseSkip {}
/**
 * The case could not run although it applies: the technician has no such test card, or the card
 * was not it. Always "skipped" (not run), never "not applicable", even where the case is optional.
 */
export class NotRun extends CaseSkip {}

export function fail(message: string): never {
  throw new CaseFailure(message);
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

export function skip(reason: string): never {
  throw new CaseSkip(reason);
}

/** JSON text of a value, shortened for failure messages. */
export function show(value: unknown, max = 300): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

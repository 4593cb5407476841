/**
 * Runs cases one after another: checks what each needs, puts its card in place, runs it with its own
 * connections, and turns the outcome plus every schema problem seen meanwhile into a CaseResult.
 * A failed case leaves the card in an unknown state, so the next one starts from a fresh card.
 */
import {
  CaseFailure,
  CaseSkip,
  NodeOnly,
  NotRun,
  type CaseContext,
  type CaseResult,
  type ConformanceCase,
  type KitOptions,
  type Verdict,
} from './case';
import type { CardControl, ControlLink } from './card-control';
import { CardStage } from './card-stage';
import { KitClient, withToken, type ConnectOptions } from './client';
import { requirementsOf } from './requirements';

export interface RunnerOptions {
  kit: KitOptions;
  control: CardControl;
  cases: readonly ConformanceCase[];
  /** The reader the control's card goes into (vpcd's), when known. */
  watchedReader?: string;
  caseTimeoutMs: number;
  onResult?: (result: CaseResult) => void;
}

/** The kit's own connection for getStatus polls and simulator controls, reopened when it drops. */
class ReconnectingLink implements ControlLink {
  private current: KitClient | undefined;
  private readonly earlier: string[] = [];

  constructor(private readonly kit: KitOptions) {}

  async client(): Promise<KitClient> {
    if (this.current?.isOpen) return this.current;
    if (this.current) this.earlier.push(...this.current.problems.splice(0));
    const url = withToken(this.kit.url, this.kit.token);
    this.current = await KitClient.connect(
      url,
      this.kit.origin,
      this.kit.timeoutMs,
      'kit control connection',
    );
    return this.current;
  }

  drainProblems(): string[] {
    return [...this.earlier.splice(0), ...(this.current?.problems.splice(0) ?? [])];
  }

  close(): void {
    this.current?.close();
  }
}

export async function runCases(options: RunnerOptions): Promise<CaseResult[]> {
  const link = new ReconnectingLink(options.kit);
  const stage = new CardStage(options.control, link, options.kit.reader, options.watchedReader);
  const results: CaseResult[] = [];
  try {
    for (const conformanceCase of options.cases) {
      const result = await runCase(conformanceCase, options, stage, link);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    link.close();
  }
  return results;
}

function isOptional(conformanceCase: ConformanceCase, control: CardControl): boolean {
  const optionalIn = conformanceCase.optionalIn;
  return optionalIn === true || (Array.isArray(optionalIn) && optionalIn.includes(control.mode));
}

function unmetNeed(
  conformanceCase: ConformanceCase,
  kit: KitOptions,
  control: CardControl,
): string | undefined {
  const needs = conformanceCase.needs ?? {};
  if (needs.authPin && !kit.authPin) return "needs --pin (the test card's auth PIN)";
  if (needs.signPin && !kit.signPin) return "needs --sign-pin (the test card's signature password)";
  if (needs.token && !kit.token) return 'the kit was given no --token (the bridge runs without one?)';
  if (needs.apduLog && !control.apdus) return 'only --virtual-card sees the APDUs the bridge sends';
  if (conformanceCase.changesCard && control.mode === 'none') {
    return 'needs a card-control mode (--virtual-card or --interactive)';
  }
  return undefined;
}

async function runCase(
  conformanceCase: ConformanceCase,
  options: RunnerOptions,
  stage: CardStage,
  link: ReconnectingLink,
): Promise<CaseResult> {
  const { kit, control } = options;
  const started = performance.now();
  const notes: string[] = [];
  const clients: KitClient[] = [];
  const optional = isOptional(conformanceCase, control);
  link.drainProblems(); // problems before this case belong to the one before
  const finish = (verdict: Verdict, reason?: string): CaseResult => ({
    id: conformanceCase.id,
    title: conformanceCase.title,
    area: conformanceCase.area,
    requirements: requirementsOf(conformanceCase.id),
    verdict,
    reason,
    notes,
    durationMs: Math.round(performance.now() - started),
  });
  const unmet = unmetNeed(conformanceCase, kit, control);
  if (unmet) return finish(optional ? 'not-applicable' : 'skipped', unmet);

  const context: CaseContext = {
    options: kit,
    mode: control.mode,
    stage,
    apdus: control.apdus,
    known: control.known,
    readerParam: () => (kit.reader ? { reader: kit.reader } : {}),
    note: (text) => notes.push(text),
    async connect(connectOptions: ConnectOptions = {}) {
      const token = connectOptions.token === undefined ? kit.token : connectOptions.token;
      const url = withToken(kit.url, token, connectOptions.path);
      const origin = connectOptions.origin === undefined ? kit.origin : connectOptions.origin;
      const client = await KitClient.connect(
        url,
        origin,
        kit.timeoutMs,
        connectOptions.label ?? 'connection',
      );
      clients.push(client);
      return client;
    },
  };

  let verdict: Verdict = 'passed';
  let reason: string | undefined;
  try {
    if (conformanceCase.card) await stage.ensure(conformanceCase.card);
    await withTimeout(conformanceCase.run(context), options.caseTimeoutMs);
  } catch (error) {
    if (error instanceof NodeOnly) {
      verdict = 'node-only';
    } else if (error instanceof NotRun) {
      verdict = 'skipped';
    } else if (error instanceof CaseSkip) {
      verdict = optional ? 'not-applicable' : 'skipped';
    } else {
      verdict = 'failed';
    }
    reason =
      error instanceof CaseFailure || error instanceof CaseSkip
        ? error.message
        : `kit error: ${String(error)}`;
  } finally {
    // Late frames (e.g. a notification right after the last check) still count for this case.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const client of clients) client.close();
  }
  const problems = [...clients.flatMap((client) => client.problems), ...link.drainProblems()];
  if (problems.length > 0) {
    const listed = `protocol/schema problems: ${[...new Set(problems)].join('; ')}`;
    reason = verdict === 'failed' && reason ? `${reason}; ${listed}` : listed;
    verdict = 'failed';
  }
  // A last-try case spends or restores the counter by design: the next one needs a fresh card.
  if (verdict === 'failed' || conformanceCase.card === 'last-try') stage.invalidate();
  return finish(verdict, reason);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CaseFailure(`the case did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

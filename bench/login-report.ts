/**
 * The pure half of `npm run bench -- login`: one login's phases from the page's timeline (OK key →
 * the login flow's states → the session logged in), the floor's parts, and the table.
 */
import type { TimelineEntry } from '../src/app/test-hook';
import { formatMs, formatRatio, goalOf, median, type Row, type Table } from './report';

/** The goal: OK → logged in at most this much above the floor. */
const LOGIN_GOAL_MARGIN_MS = 30;

export interface Phase {
  /** The login flow's state (e.g. "signing"), or "after login flow" up to the session's change. */
  state: string;
  ms: number;
}

export interface LoginRun {
  /**
   * OK keydown → logged in, both by performance.now() in the page. Logged in = the login flow's
   * final `signedIn` snapshot: the session enters loggedIn in that same step, synchronously.
   */
  totalMs: number;
  phases: Phase[];
  /**
   * Then until the session's own observers had it (the shell builds the home screen first, in the
   * same task; not part of the total).
   */
  homeBuiltMs: number;
}

/**
 * Reads one login from the timeline: the first Enter keydown, then every flow state until the
 * login flow's `signedIn` (or, failing that stamp, the session's loggedIn). Each phase is the time
 * spent in a state (the first from OK on).
 */
export function loginRunFromTimeline(timeline: readonly TimelineEntry[]): LoginRun {
  const okIndex = timeline.findIndex((entry) => entry.kind === 'key' && entry.value === 'Enter');
  if (okIndex < 0) throw new Error('OK (Enter) がタイムラインにありません / no OK keydown in the timeline');
  const after = timeline.slice(okIndex + 1);
  const doneIndex = after.findIndex((entry) => entry.kind === 'session' && isLoggedIn(entry.value));
  if (doneIndex < 0) {
    throw new Error('ログイン状態になりませんでした / the session never reached loggedIn after OK');
  }
  const okAt = timeline[okIndex]!.at;
  const sessionAt = after[doneIndex]!.at;
  const signedInIndex = after
    .slice(0, doneIndex)
    .findIndex((entry) => entry.kind === 'flow' && flowStateName(entry.value) === 'signedIn');
  const endIndex = signedInIndex < 0 ? doneIndex : signedInIndex;
  const doneAt = after[endIndex]!.at;
  const phases: Phase[] = [];
  let state = 'OK → first flow change';
  let since = okAt;
  for (const entry of after.slice(0, endIndex)) {
    if (entry.kind !== 'flow') continue;
    phases.push({ state, ms: entry.at - since });
    state = flowStateName(entry.value);
    since = entry.at;
  }
  phases.push({ state, ms: doneAt - since });
  return { totalMs: doneAt - okAt, phases, homeBuiltMs: sessionAt - doneAt };
}

function isLoggedIn(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed === 'loggedIn' || (typeof parsed === 'object' && parsed !== null && 'loggedIn' in parsed);
  } catch {
    return false;
  }
}

/** '"signing"' → 'signing'; '{"active":"typing"}' → 'active.typing'. */
export function flowStateName(value: string): string {
  const name = (state: unknown): string =>
    typeof state === 'string'
      ? state
      : state && typeof state === 'object'
        ? Object.entries(state)
            .map(([key, inner]) => `${key}.${name(inner)}`)
            .join(',')
        : String(state);
  try {
    return name(JSON.parse(value));
  } catch {
    return value;
  }
}

/** Median time per phase over runs, in the order the phases first appear. */
export function medianPhases(runs: readonly LoginRun[]): Phase[] {
  const order: string[] = [];
  const byState = new Map<string, number[]>();
  for (const run of runs) {
    for (const phase of run.phases) {
      if (!byState.has(phase.state)) {
        order.push(phase.state);
        byState.set(phase.state, []);
      }
      byState.get(phase.state)!.push(phase.ms);
    }
  }
  return order.map((state) => ({ state, ms: median(byState.get(state)!) }));
}

/** What a login phase does (for the table), by the login machine's state names. */
const PHASE_LABELS: Record<string, string> = {
  'OK → first flow change': "key handling, the flow's step (stamped after the shell built the new screen)",
  challenging: 'challenge fetch (POST /v1/auth/challenges)',
  signing: 'VERIFY + SIGN via the bridge (digest, WebSocket, card)',
  verifying: 'login POST + profile GET',
};

export interface LoginFigures {
  runs: LoginRun[];
  /** Bare pcsclite replay of the same VERIFY … SIGN APDUs, per run. */
  cardFloorMs: number[];
  /** The login POST's round trip from Node to the same platform simulator, per sample. */
  platformRoundTripMs: number[];
}

export interface LoginSummary {
  oursMs: number;
  floorMs: number;
  cardFloorMs: number;
  platformRoundTripMs: number;
  goalMs: number;
  met: boolean;
  phases: Phase[];
  homeBuiltMs: number;
  /** Each run's OK-press → logged in. */
  runsMs: number[];
}

export function summariseLogin(figures: LoginFigures): LoginSummary {
  const oursMs = median(figures.runs.map((run) => run.totalMs));
  const cardFloorMs = median(figures.cardFloorMs);
  const platformRoundTripMs = median(figures.platformRoundTripMs);
  const floorMs = cardFloorMs + platformRoundTripMs;
  const goalMs = floorMs + LOGIN_GOAL_MARGIN_MS;
  return {
    oursMs,
    floorMs,
    cardFloorMs,
    platformRoundTripMs,
    goalMs,
    met: oursMs <= goalMs,
    phases: medianPhases(figures.runs),
    homeBuiltMs: median(figures.runs.map((run) => run.homeBuiltMs)),
    runsMs: figures.runs.map((run) => run.totalMs),
  };
}

export function loginTable(summary: LoginSummary, runs: number, readerName: string): Table {
  const phaseFloor = (state: string): number | undefined =>
    state === 'signing'
      ? summary.cardFloorMs
      : state === 'verifying'
        ? summary.platformRoundTripMs
        : undefined;
  const rows: Row[] = [
    {
      figure: 'OK-press → logged in (median)',
      ours: formatMs(summary.oursMs),
      floor: formatMs(summary.floorMs),
      ratio: formatRatio(summary.oursMs, summary.floorMs),
      goal: goalOf(`≤ floor + ${LOGIN_GOAL_MARGIN_MS} ms = ${formatMs(summary.goalMs)}`, summary.met),
      samples: { ours: summary.runsMs },
    },
    ...summary.phases.map((phase): Row => {
      const floor = phaseFloor(phase.state);
      const label = PHASE_LABELS[phase.state];
      return {
        figure: `  ${phase.state}${label ? `: ${label}` : ''}`,
        ours: formatMs(phase.ms),
        ...(floor === undefined ? {} : { floor: formatMs(floor), ratio: formatRatio(phase.ms, floor) }),
      };
    }),
    {
      figure: 'then: the shell builds the home screen (not in the total)',
      ours: formatMs(summary.homeBuiltMs),
    },
    { figure: 'floor: VERIFY + SIGN APDUs, bare pcsclite', ours: '', floor: formatMs(summary.cardFloorMs) },
    {
      figure: 'floor: login POST round trip from Node',
      ours: '',
      floor: formatMs(summary.platformRoundTripMs),
    },
  ];
  return {
    title: `login — OK-press → logged in, WPE (cog headless), median of ${runs}`,
    rows,
    notes: [
      'ours: capture-phase keydown of OK → the login flow signedIn (the session enters loggedIn in that step), performance.now() in the page (1 ms steps)',
      `each run: fresh page, card freshly inserted into "${readerName}", PIN typed, pause, OK; bridge --backend pcsc, platform over HTTP`,
      'floor: the same VERIFY … SIGN bytes the card received, replayed over bare pcsclite + one login POST from Node',
    ],
  };
}

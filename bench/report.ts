/**
 * The pure half of the benchmarks: medians, units and the plain-text table every bench prints.
 * Kept free of I/O so it is unit-tested without pcscd.
 */

/** A figure's goal, as the table says it (e.g. "≤ 1.3×"), and whether this run met it. */
export interface Goal {
  text: string;
  met: boolean;
}

export const goalOf = (text: string, met: boolean): Goal => ({ text, met });

/** One table line. Cells are already formatted; empty cells print as "–". */
export interface Row {
  figure: string;
  ours: string;
  floor?: string;
  ratio?: string;
  goal?: Goal;
  /** The per-run values behind a median, for `--json`'s spread (the table shows the median). */
  samples?: { ours?: readonly number[]; floor?: readonly number[] };
}

/** How far a median's runs lie apart: their lowest and highest value, and how many there were. */
interface Spread {
  min: number;
  max: number;
  runs: number;
}

/** A figure with a goal, as `--json` holds it: the verdict is "met" or "missed", nothing else. */
export interface FigureVerdict {
  figure: string;
  ours: string;
  floor?: string;
  ratio?: string;
  goal: string;
  verdict: 'met' | 'missed';
  spread?: { ours?: Spread; floor?: Spread };
}

function spreadOf(values: readonly number[] | undefined): Spread | undefined {
  if (!values?.length) return undefined;
  return { min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** The figures of a table that have a goal, each with its verdict and, where known, its runs' spread. */
export const verdictsOf = (table: Table): FigureVerdict[] =>
  table.rows.flatMap(({ goal, samples, ...row }) => {
    if (!goal) return [];
    const [ours, floor] = [spreadOf(samples?.ours), spreadOf(samples?.floor)];
    return [
      {
        ...row,
        goal: goal.text,
        verdict: goal.met ? ('met' as const) : ('missed' as const),
        ...(ours || floor ? { spread: { ...(ours ? { ours } : {}), ...(floor ? { floor } : {}) } } : {}),
      },
    ];
  });

/** The exit-status rule: a run passes exactly when nothing failed and every goal was met. */
export const passes = (failures: readonly string[], verdicts: readonly FigureVerdict[]): boolean =>
  failures.length === 0 && verdicts.every((figure) => figure.verdict === 'met');

export interface Table {
  title: string;
  /** Header of the floor column: what the reference is (e.g. "floor / OpenSC"). */
  floorHeader?: string;
  rows: Row[];
  /** Lines printed under the table (how it was measured, caveats). */
  notes?: string[];
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The nearest-rank percentile (`fraction` 0.95 → p95): the smallest value with at least that share of
 * values at or below it. Always one of the values, never interpolated.
 */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(fraction > 0 && fraction <= 1))
    throw new RangeError(`percentile fraction must be in (0, 1], got ${fraction}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(fraction * sorted.length) - 1]!;
}

/** Milliseconds with three significant-ish digits: 0.512 ms, 12.3 ms, 1234 ms. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 0) return `−${formatMs(-ms)}`;
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

export function formatCount(count: number, unit = 'APDUs'): string {
  const shown = Number.isInteger(count) ? String(count) : count.toFixed(1);
  return `${shown} ${count === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
}

/** ours / reference with two decimals (×), or "n/a" when either side is missing or zero. */
export function formatRatio(ours: number | undefined, reference: number | undefined): string {
  if (ours === undefined || reference === undefined || reference === 0) return 'n/a';
  if (!Number.isFinite(ours) || !Number.isFinite(reference)) return 'n/a';
  return `${(ours / reference).toFixed(2)}×`;
}

const COLUMNS = ['figure', 'ours', 'floor', 'ratio', 'goal'] as const;

/** Left-aligned columns separated by two spaces; the goal column only when some row has one. */
export function renderTable(table: Table): string {
  const columns = COLUMNS.filter((column) => column !== 'goal' || table.rows.some((row) => row.goal));
  const header: Record<(typeof COLUMNS)[number], string> = {
    figure: 'figure',
    ours: 'ours',
    floor: table.floorHeader ?? 'floor',
    ratio: 'ratio',
    goal: 'goal',
  };
  const cell = (row: Row, column: (typeof COLUMNS)[number]) =>
    column === 'goal'
      ? row.goal
        ? `${row.goal.text}: ${row.goal.met ? 'met' : 'missed'}`
        : ''
      : row[column];
  const cells = [
    columns.map((column) => header[column]),
    ...table.rows.map((row) => columns.map((column) => cell(row, column) || '–')),
  ];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => displayWidth(line[index]!))));
  const lines = cells.map((line) =>
    line
      .map((cell, index) => (index === line.length - 1 ? cell : padEnd(cell, widths[index]!)))
      .join('  ')
      .trimEnd(),
  );
  const rule = '-'.repeat(Math.max(...lines.map(displayWidth)));
  const notes = (table.notes ?? []).map((note) => `  ${note}`);
  return [table.title, rule, lines[0]!, rule, ...lines.slice(1), rule, ...notes].join('\n');
}

/** Columns line up in a terminal: CJK and other wide characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6)
  );
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

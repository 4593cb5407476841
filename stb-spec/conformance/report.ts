/** The kit's human-readable output: one line per case as it finishes, and the summary line. */
import type { CaseResult, Verdict } from './case';

const LABEL: Record<Verdict, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  'not-applicable': 'N/A ',
  'node-only': 'NODE',
};

export function formatResult(result: CaseResult): string[] {
  const head = `${result.id}  ${LABEL[result.verdict]}  ${result.area.padEnd(9)}  ${result.title}  (${result.durationMs} ms)`;
  const lines = [head];
  if (result.reason) lines.push(`        ${result.verdict === 'failed' ? '✗' : '–'} ${result.reason}`);
  for (const note of result.notes) lines.push(`        · ${note}`);
  return lines;
}

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  notApplicable: number;
  /** Cases the browser build cannot make: run them with the Node build. */
  nodeOnly: number;
}

export function tally(results: readonly CaseResult[]): Tally {
  const count = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    notApplicable: count('not-applicable'),
    nodeOnly: count('node-only'),
  };
}

/** `conformance: N passed, N failed, N skipped` (+ not applicable when there are any). */
export function summaryLine(results: readonly CaseResult[]): string {
  const t = tally(results);
  const notApplicable = t.notApplicable ? `, ${t.notApplicable} not applicable` : '';
  const nodeOnly = t.nodeOnly ? `, ${t.nodeOnly} Node build only` : '';
  return `conformance: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${notApplicable}${nodeOnly}`;
}

/**
 * Only a run where nothing failed and nothing was skipped is a pass (not-applicable cases are
 * optional); a browser run with Node-only cases is not a whole result either.
 */
export function allPassed(results: readonly CaseResult[]): boolean {
  const t = tally(results);
  return t.failed === 0 && t.skipped === 0 && t.nodeOnly === 0 && t.passed > 0;
}

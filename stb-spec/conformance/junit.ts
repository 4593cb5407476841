/**
 * JUnit XML of a run, for CI dashboards: one <testcase> per case, <failure> or <skipped> with the
 * reason; not-applicable cases are <skipped> with a message saying they are optional in this mode.
 */
import type { CaseResult } from './case';
import { tally } from './report';

/** Escapes text for XML and drops characters XML 1.0 cannot carry (other control characters). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export interface JunitContext {
  suiteName?: string;
  timestamp: Date;
  properties: Record<string, string>;
}

export function junitXml(results: readonly CaseResult[], context: JunitContext): string {
  const counts = tally(results);
  const skipped = counts.skipped + counts.notApplicable + counts.nodeOnly;
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  const name = escapeXml(context.suiteName ?? 'madoguchi card bridge conformance');
  const attributes = `tests="${results.length}" failures="${counts.failed}" errors="0" skipped="${skipped}" time="${seconds(total)}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" ${attributes}>`,
    `  <testsuite name="${name}" ${attributes} timestamp="${context.timestamp.toISOString()}">`,
    '    <properties>',
    ...Object.entries(context.properties).map(
      ([key, value]) => `      <property name="${escapeXml(key)}" value="${escapeXml(value)}"/>`,
    ),
    '    </properties>',
  ];
  for (const result of results) {
    const open = `    <testcase classname="conformance.${escapeXml(result.area)}" name="${escapeXml(
      `${result.id} ${result.title}`,
    )}" time="${seconds(result.durationMs)}">`;
    lines.push(open);
    const reason = escapeXml(result.reason ?? '');
    if (result.verdict === 'failed')
      lines.push(`      <failure message="${reason}" type="conformance">${reason}</failure>`);
    if (result.verdict === 'skipped') lines.push(`      <skipped message="${reason}"/>`);
    if (result.verdict === 'not-applicable') {
      lines.push(
        `      <skipped message="${escapeXml(`optional, not applicable in this mode: ${result.reason ?? ''}`)}"/>`,
      );
    }
    if (result.verdict === 'node-only') {
      lines.push(`      <skipped message="${escapeXml(`Node build only: ${result.reason ?? ''}`)}"/>`);
    }
    const out = [`requirements: ${result.requirements.join(', ')}`, ...result.notes];
    lines.push(`      <system-out>${escapeXml(out.join('\n'))}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/**
 * The kit against the reference bridge on its simulator backend, in process: every case passes
 * (except the reference bridge's known bugs, which must keep failing until fixed), every message is
 * schema-checked on the way, and the JUnit XML says the same. Without a card-control mode the run
 * cannot pass.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestBridge } from '../../mocks/dev-bridge/test-bridge';
import { FOREIGN_READER } from '../../mocks/virtual-card/foreign-reader';
import { ALL_CASES } from './cases';
import { KNOWN_REFERENCE_BUGS, junitCases, runKit, startBoxWithForeignReader } from './test-support';

const TOKEN = 'conformance-test-token-0123456789abcdef';
let dir: string;
let bridge: TestBridge;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-conformance-'));
});

beforeEach(async () => {
  // The foreign reader is for CK-62.
  bridge = await startBoxWithForeignReader(join(dir, 'pki'), TOKEN);
});

afterEach(async () => {
  await bridge.close();
});

const knownBugs = Object.keys(KNOWN_REFERENCE_BUGS);

it('passes every case with --simulator-controls (known reference bugs aside), with JUnit XML', async () => {
  const junitFile = join(dir, 'simulator.xml');
  const lines: string[] = [];
  const report = await runKit({
    url: bridge.url,
    token: TOKEN,
    mode: 'simulator-controls',
    foreignReader: FOREIGN_READER,
    junitFile,
    write: (line) => lines.push(line),
  });
  const failed = report.results.filter((r) => r.verdict === 'failed');
  expect(failed.map((r) => `${r.id}: ${r.reason}`)).toEqual(
    knownBugs.map((id) => expect.stringMatching(new RegExp(`^${id}: `))),
  );
  expect(report.results.filter((r) => r.verdict === 'skipped')).toEqual([]);
  // The APDU check and a slow or hanging card need the kit to be the card; the extension check
  // cannot run on the extension; the production-image check needs --production-image.
  expect(report.results.filter((r) => r.verdict === 'not-applicable').map((r) => r.id)).toEqual([
    'CK-55',
    'CK-63',
    'CK-66',
    'CK-67',
    'CK-48',
  ]);
  expect(report.results).toHaveLength(ALL_CASES.length);
  expect(report.exitCode).toBe(knownBugs.length === 0 ? 0 : 1);
  expect(report.summary).toMatch(/^conformance: \d+ passed, \d+ failed, 0 skipped, 5 not applicable$/);
  expect(lines.some((line) => line.startsWith(report.summary))).toBe(true);

  const cases = junitCases(readFileSync(junitFile, 'utf8'));
  expect(cases).toHaveLength(ALL_CASES.length);
  expect(cases.filter((c) => c.outcome === 'passed').length).toBeGreaterThanOrEqual(30);
  expect(cases.filter((c) => c.outcome === 'failed').map((c) => c.name.slice(0, 5))).toEqual(knownBugs);
  // A client that stops reading, against the reference bridge's own bound (BR-TRN-11).
  expect(report.results.find((r) => r.id === 'CK-68')?.verdict).toBe('passed');
}, 240_000);

it('without a card-control mode runs what it can, skips the rest and does not pass', async () => {
  const lines: string[] = [];
  const report = await runKit({
    url: bridge.url,
    token: TOKEN,
    authPin: '1234',
    mode: 'none',
    exclude: ['CK-68'], // a minute of its own, the same in every mode: the run above has it
    write: (line) => lines.push(line),
  });
  const skipped = report.results.filter((r) => r.verdict === 'skipped').map((r) => r.id);
  expect(skipped).toEqual(expect.arrayContaining(['CK-38', 'CK-42', 'CK-43', 'CK-46']));
  expect(report.results.find((r) => r.id === 'CK-27')?.verdict).toBe('passed'); // the card that is in stays usable
  expect(report.exitCode).toBe(1);
  expect(lines.join('\n')).toMatch(/a full run needs a card-control mode/);
}, 120_000);

it('says plainly that the bridge demands a token when the kit was given none', async () => {
  const lines: string[] = [];
  const report = await runKit({
    url: bridge.url,
    mode: 'none',
    only: ['CK-04', 'CK-21'],
    write: (line) => lines.push(line),
  });
  expect(lines[1]).toMatch(/トークンが必要なようです.*it demands a token — run the kit with --token T/);
  expect(report.results.map((r) => [r.id, r.verdict])).toEqual([
    ['CK-04', 'failed'],
    ['CK-21', 'failed'],
  ]);
  expect(report.results[0]!.reason).toMatch(/demands one — run the kit with --token T/);
  expect(report.exitCode).toBe(1);
});

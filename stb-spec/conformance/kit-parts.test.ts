/** The kit's pieces without a bridge: command line, JUnit XML, summary, APDU allow-list, garbage. */
import { CARD_OPERATION_TIMEOUT_MS } from '../protocol';
import type { CaseResult } from './case';
import { UsageError } from '../../native-bridge/src/bridge/command-line';
import { parseKitArgs, DEFAULT_JUNIT } from './args';
import { escapeXml, junitXml } from './junit';
import { allPassed, summaryLine } from './report';
import { whyNotAllowed } from './cases/privacy';
import { garbageFrames } from './cases/robustness';
import { selectCases, vpcdReaderName } from './kit';
import { junitCases } from './test-support';

describe('command line', () => {
  it('has defaults for a vendor lab and parses every mode', () => {
    const command = parseKitArgs(['--origin', 'http://127.0.0.1:8080', '--interactive', '--pin', '1234']);
    expect(command).toMatchObject({
      kind: 'run',
      options: {
        url: 'ws://127.0.0.1:9930/jsonrpc',
        mode: 'interactive',
        authPin: '1234',
        junitFile: DEFAULT_JUNIT,
        timeoutMs: 20_000,
        promptTimeoutMs: 180_000,
      },
    });
    const virtual = parseKitArgs([
      '--origin',
      'http://a:1',
      '--virtual-card',
      '--vpcd',
      '127.0.0.1:35964',
      '--no-junit',
    ]);
    expect(virtual).toMatchObject({
      options: { mode: 'virtual-card', vpcd: { host: '127.0.0.1', port: 35964 } },
    });
    expect(virtual.kind === 'run' && virtual.options.junitFile).toBeUndefined();
    expect(parseKitArgs(['--origin', 'http://a:1'])).toMatchObject({ options: { mode: 'none' } });
    expect(parseKitArgs(['--list'])).toEqual({ kind: 'list' });
  });

  it('reads the foreign reader (named, or by its vpcd port) and --production-image', () => {
    const played = parseKitArgs([
      ...['--origin', 'http://a:1', '--virtual-card', '--vpcd', '127.0.0.1:35964'],
      ...['--foreign-vpcd', '127.0.0.1:35963'],
    ]);
    expect(played).toMatchObject({
      options: {
        foreignReader: 'Virtual PCD 00 00',
        foreignVpcd: { host: '127.0.0.1', port: 35963 },
        productionImage: false,
      },
    });
    const lab = parseKitArgs([
      ...['--origin', 'http://a:1', '--interactive', '--production-image'],
      ...['--foreign-reader', 'B-CAS Slot 01'],
    ]);
    expect(lab).toMatchObject({ options: { foreignReader: 'B-CAS Slot 01', productionImage: true } });
    expect(lab.kind === 'run' && lab.options.foreignVpcd).toBeUndefined();
  });

  it('waits by default at least as long as a bridge may take for a card operation', () => {
    const command = parseKitArgs(['--origin', 'http://a:1']);
    expect(command.kind === 'run' && command.options.timeoutMs).toBeGreaterThanOrEqual(
      CARD_OPERATION_TIMEOUT_MS,
    );
  });

  it.each([
    [['--interactive'], /--origin/],
    [['--origin', 'http://a:1', '--interactive', '--virtual-card'], /one card-control mode/],
    [['--origin', 'http://a:1', '--pin', '12345'], /exactly 4 digits/],
    [['--origin', 'http://a:1', '--sign-pin', 'abc123'], /6–16/],
    [['--origin', 'http://a:1', '--vpcd', '127.0.0.1:35964'], /go with --virtual-card/],
    [['--origin', 'http://a:1', '--timeout-ms', '0'], /positive/],
    [['--origin', 'http://a:1', '--foreign-vpcd', '127.0.0.1:35963'], /go with --virtual-card/],
    [['--origin', 'http://a:1', '--virtual-card', '--production-image'], /a production image has no vpcd/],
    [['--origin', 'http://a:1', '--foreign-reader', 'R 01', '--reader', 'R 01'], /another reader/],
    [['--origin', 'http://a:1', '--virtual-card', '--foreign-vpcd', '1.2.3.4:80'], /--foreign-reader/],
    [
      ['--origin', 'http://a:1', '--virtual-card', '--foreign-vpcd', '127.0.0.1:35963'],
      /another vpcd reader/,
    ],
    [['--origin', 'http://a:1', '--bogus'], /invalid arguments/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseKitArgs(argv)).toThrow(UsageError);
    expect(() => parseKitArgs(argv)).toThrow(message);
  });

  it('selects cases by id or title words, and names vpcd readers by port', () => {
    expect(selectCases(['ck-01', 'BUSY']).map((c) => c.id)).toEqual(['CK-01', 'CK-37']);
    expect(vpcdReaderName(35964)).toBe('Virtual PCD 00 01');
  });
});

const result = (id: string, verdict: CaseResult['verdict'], reason?: string): CaseResult => ({
  id,
  title: `title of ${id} <&>`,
  area: 'methods',
  requirements: ['BR-MTH-1'],
  verdict,
  reason,
  notes: ['a note'],
  durationMs: 12,
});

describe('reporting', () => {
  it('writes escaped JUnit XML that lists each outcome', () => {
    const results = [
      result('CK-01', 'passed'),
      result('CK-02', 'failed', 'expected "403" & got <101>'),
      result('CK-03', 'skipped', 'needs --pin'),
      result('CK-04', 'not-applicable', 'no token'),
    ];
    const xml = junitXml(results, { timestamp: new Date(0), properties: { url: 'ws://x/?a=1&b=2' } });
    expect(xml).toContain('tests="4" failures="1" errors="0" skipped="2"');
    expect(xml).toContain('message="expected &quot;403&quot; &amp; got &lt;101&gt;"');
    expect(xml).toContain('value="ws://x/?a=1&amp;b=2"');
    expect(xml).toContain('optional, not applicable in this mode: no token');
    expect(junitCases(xml).map((c) => c.outcome)).toEqual(['passed', 'failed', 'skipped', 'skipped']);
    expect(escapeXml('a\u0000b\u001bc')).toBe('abc');
  });

  it('passes a run only when nothing failed or was skipped', () => {
    expect(summaryLine([result('CK-01', 'passed'), result('CK-02', 'not-applicable')])).toBe(
      'conformance: 1 passed, 0 failed, 0 skipped, 1 not applicable',
    );
    expect(allPassed([result('CK-01', 'passed'), result('CK-02', 'not-applicable')])).toBe(true);
    expect(allPassed([result('CK-01', 'passed'), result('CK-02', 'skipped')])).toBe(false);
    expect(allPassed([result('CK-01', 'failed')])).toBe(false);
    expect(allPassed([])).toBe(false);
  });
});

describe('case helpers', () => {
  const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'));

  it('allows only the APDUs of spec §5.2', () => {
    for (const allowed of [
      '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01',
      '00 A4 02 0C 02 00 0A',
      '00 B0 00 00 00',
      '00 B0 8A 00 00',
      '00 20 00 80',
      '00 20 00 80 04 31 32 33 34',
      '00 C0 00 00 00',
      `80 2A 00 80 33 ${'00'.repeat(51)} 00`,
    ]) {
      expect(whyNotAllowed(hex(allowed))).toBeUndefined();
    }
    expect(whyNotAllowed(hex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 02'))).toMatch(
      /other than the JPKI AP/,
    );
    expect(whyNotAllowed(hex('00 A4 02 0C 02 00 11'))).toMatch(/SELECT outside/);
    expect(whyNotAllowed(hex('00 B0 91 00 00'))).toMatch(/outside the JPKI AP/);
    expect(whyNotAllowed(hex('00 24 00 80 00'))).toMatch(/outside spec/);
    expect(whyNotAllowed(hex('00 B0 00 00 00 01 00'))).toMatch(/outside spec/); // extended Le
  });

  it('makes the same garbage every time, none of it a request', () => {
    const frames = garbageFrames(200);
    expect(frames).toEqual(garbageFrames(200));
    expect(new Set(frames).size).toBeGreaterThan(100);
    for (const frame of frames) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(frame);
      } catch {
        continue;
      }
      const request =
        typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      expect(request.jsonrpc === '2.0' && typeof request.method === 'string').toBe(false);
    }
  });
});

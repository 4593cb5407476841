import type { CardBenchResult } from './card';
import { cardTable } from './card-report';
import type { OpenscCommandCount } from './opensc';
import { renderTable } from './report';

const command = (work: string, apdus: number, probes: number): OpenscCommandCount => ({
  work,
  commandLine: `tool ${work}`,
  apdus,
  probes,
  fromJpkiSelect: apdus - probes,
  sequence: [{ header: '00A4040C', dataLength: 10, selectedAid: 'D392F000260100000001', sw: 0x9000 }],
});

function result(opensc: CardBenchResult['opensc']): CardBenchResult {
  return {
    reader: 'Virtual PCD 00 01',
    runs: 5,
    runMethod: 'fresh insertion per run',
    detect: { apdus: 2, ms: 88 },
    ours: {
      apdus: 10,
      ms: 484,
      msPerRun: [484, 485],
      perOperation: { readCertificate: 5, pinStatus: 2, sign: 3 },
      cardSide: [{ header: '802A0080', dataLength: 51, sw: 0x9000 }],
    },
    floor: { ms: 480, msPerRun: [480, 481] },
    shortEfAddressing: {
      enabled: { detectApdus: 2, workApdus: 10 },
      disabled: { detectApdus: 3, workApdus: 11 },
    },
    opensc,
  };
}

const sign = command('sign (auth key)', 70, 29);
const ok: CardBenchResult['opensc'] = {
  status: 'ok',
  version: 'OpenSC 0.23.0',
  tokenLabel: 'JPKI (User Authentication PIN)',
  discoveryApdus: 64,
  commands: [command('read auth certificate', 40, 29), command('PIN status', 34, 29), sign],
  total: 144,
  totalFromJpkiSelect: 57,
  signSession: sign,
};

describe('cardTable', () => {
  it('puts ours beside the floor and OpenSC, with ratios and the APDU goal', () => {
    const rows = cardTable(result(ok)).rows;
    expect(rows[0]).toMatchObject({ ours: '484 ms', floor: '480 ms (raw pcsclite)', ratio: '1.01×' });
    expect(rows.find((r) => r.goal)).toMatchObject({
      ours: '10 APDUs',
      floor: '144 APDUs (OpenSC, 3 commands)',
      ratio: '0.07×',
      goal: { text: '≤ 1×', met: true },
    });
    expect(rows.find((r) => r.figure.includes('sign session'))).toMatchObject({
      floor: '70 APDUs',
      ratio: '0.14×',
    });
    expect(rows.find((r) => r.figure.includes('read auth'))).toMatchObject({
      ours: '5 APDUs',
      floor: '40 APDUs (29 probing + 11 from JPKI SELECT)',
    });
    expect(rows.find((r) => r.figure.includes('short-EF'))).toMatchObject({ ours: '10 / 11 APDUs' });
  });

  it('says "n/a (opensc not installed)" and still prints ours', () => {
    const text = renderTable(cardTable(result({ status: 'not-installed', missing: 'opensc-tool' })));
    expect(text).toContain('n/a (opensc not installed: opensc-tool)');
    expect(text).toContain('484 ms');
    expect(text).toMatch(/APDUs: read cert \+ PIN status \+ sign\s+10 APDUs/);
    // Without OpenSC's count there is nothing to meet the goal against: it is not claimed.
    expect(text).toContain('≤ 1×: missed');
  });

  it('reports an OpenSC failure in the table', () => {
    const text = renderTable(cardTable(result({ status: 'failed', error: 'pkcs11-tool exited with 1' })));
    expect(text).toContain('FAILED');
    expect(text).toContain('OpenSC failed: pkcs11-tool exited with 1');
  });

  it('shows card-side sequences only with --verbose, and never more than headers and AIDs', () => {
    expect(renderTable(cardTable(result(ok)))).not.toContain('what the card saw');
    const verbose = renderTable(cardTable(result(ok), true));
    expect(verbose).toContain('OpenSC sign (auth key) — what the card saw:');
    expect(verbose).toContain('802A0080 51 data bytes');
  });
});

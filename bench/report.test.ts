import {
  displayWidth,
  formatCount,
  formatMs,
  formatRatio,
  goalOf,
  median,
  passes,
  percentile,
  renderTable,
  verdictsOf,
} from './report';

describe('median', () => {
  it('takes the middle of an odd count, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('percentile', () => {
  it('takes the nearest rank, always one of the values', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => 100 - index); // 100 … 1, unsorted
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([7], 0.95)).toBe(7);
  });

  it('does not reorder its input and refuses no values or a bad fraction', () => {
    const values = [3, 1, 2];
    percentile(values, 0.95);
    expect(values).toEqual([3, 1, 2]);
    expect(() => percentile([], 0.95)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 95)).toThrow(RangeError);
  });
});

describe('units', () => {
  it('prints milliseconds with sensible precision and a sign', () => {
    expect(formatMs(0.5123)).toBe('0.512 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(484.2)).toBe('484 ms');
    expect(formatMs(-0.25)).toBe('−0.250 ms');
    expect(formatMs(Number.NaN)).toBe('n/a');
  });

  it('prints counts with their unit, singular for one', () => {
    expect(formatCount(10)).toBe('10 APDUs');
    expect(formatCount(1)).toBe('1 APDU');
    expect(formatCount(2.5)).toBe('2.5 APDUs');
  });

  it('prints ours/reference, n/a when a side is missing or zero', () => {
    expect(formatRatio(10, 144)).toBe('0.07×');
    expect(formatRatio(484, 484)).toBe('1.00×');
    expect(formatRatio(10, undefined)).toBe('n/a');
    expect(formatRatio(10, 0)).toBe('n/a');
  });
});

describe('renderTable', () => {
  const table = {
    title: 'card — test',
    floorHeader: 'floor / OpenSC',
    rows: [
      { figure: 'wall time', ours: '484 ms', floor: '480 ms', ratio: '1.01×' },
      {
        figure: 'APDUs',
        ours: '10 APDUs',
        floor: '144 APDUs',
        ratio: '0.07×',
        goal: { text: '≤ 1×', met: true },
      },
    ],
    notes: ['measured on vpcd'],
  };

  it('aligns columns, shows "–" for empty cells and prints notes under the table', () => {
    const lines = renderTable(table).split('\n');
    expect(lines[0]).toBe('card — test');
    const header = lines[2]!;
    expect(header).toMatch(/^figure\s+ours\s+floor \/ OpenSC\s+ratio\s+goal$/);
    const wall = lines.find((line) => line.startsWith('wall time'))!;
    const apdus = lines.find((line) => line.startsWith('APDUs'))!;
    expect(wall.indexOf('484 ms')).toBe(apdus.indexOf('10 APDUs'));
    expect(wall.indexOf('1.01×')).toBe(header.indexOf('ratio'));
    expect(wall.endsWith('–')).toBe(true);
    expect(lines.at(-1)).toBe('  measured on vpcd');
  });

  it('leaves the goal column out when no row has a goal', () => {
    const text = renderTable({ title: 't', rows: [{ figure: 'x', ours: '1 ms' }] });
    expect(text).not.toContain('goal');
    expect(text).toContain('floor');
  });

  it('counts wide characters as two cells', () => {
    expect(displayWidth('カード')).toBe(6);
    expect(displayWidth('card')).toBe(4);
    const lines = renderTable({
      title: 't',
      rows: [
        { figure: 'カード', ours: 'a' },
        { figure: 'cardxx', ours: 'b' },
      ],
    }).split('\n');
    const wide = lines.find((line) => line.startsWith('カード'))!;
    const narrow = lines.find((line) => line.startsWith('cardxx'))!;
    expect(displayWidth(wide.slice(0, wide.indexOf('a')))).toBe(narrow.indexOf('b'));
  });
});

describe('the verdict rule', () => {
  const table = {
    title: 't',
    rows: [
      { figure: 'cold start', ours: '110 ms', floor: '90 ms', ratio: '1.22×', goal: goalOf('≤ 1.3×', true) },
      { figure: 'key p50', ours: '20 ms' },
      { figure: 'key p95', ours: '60 ms', floor: '50 ms', ratio: '1.20×', goal: goalOf('≤ 1.1×', false) },
    ],
  };

  it('lists every figure with a goal, with "met" or "missed"', () => {
    expect(verdictsOf(table)).toEqual([
      {
        figure: 'cold start',
        ours: '110 ms',
        floor: '90 ms',
        ratio: '1.22×',
        goal: '≤ 1.3×',
        verdict: 'met',
      },
      { figure: 'key p95', ours: '60 ms', floor: '50 ms', ratio: '1.20×', goal: '≤ 1.1×', verdict: 'missed' },
    ]);
    expect(renderTable(table)).toMatch(/key p95 .*≤ 1\.1×: missed/);
  });

  it('gives the spread of the runs behind a median, and no spread where there are no runs', () => {
    const [cold] = verdictsOf({
      title: 't',
      rows: [
        {
          figure: 'cold start',
          ours: '110 ms',
          floor: '90 ms',
          goal: goalOf('≤ 1.3×', true),
          samples: { ours: [120, 100, 110], floor: [90] },
        },
      ],
    });
    expect(cold!.spread).toEqual({
      ours: { min: 100, max: 120, runs: 3 },
      floor: { min: 90, max: 90, runs: 1 },
    });
    expect(verdictsOf(table)[0]!.spread).toBeUndefined();
  });

  it('passes exactly when nothing failed and every goal was met', () => {
    const met = verdictsOf({ ...table, rows: table.rows.slice(0, 2) });
    expect(passes([], met)).toBe(true);
    expect(passes([], verdictsOf(table))).toBe(false);
    expect(passes(['the card went away'], met)).toBe(false);
    expect(passes([], [])).toBe(true);
  });
});

/**
 * The checkup items the platform serves, with JLAC10 analyte codes and this project's judgement scheme.
 *
 * Codes: the first five characters (analyte) of JLAC10. The laboratory items (3D046 HbA1c NGSP,
 * 3D010 fasting glucose, 3F077 LDL, 3F070 HDL, 3F015 TG, 3B035 AST, 3B045 ALT, 3B090 γ-GT) are the
 * standard analyte codes; 9A751 / 9A761 (systolic / diastolic blood pressure), 9N011 (BMI) and 9N006
 * (weight) are taken from the 特定健診 code table's 17-digit codes (9A751000000000001 …) as we
 * understand them — check them against the current table before real data flows.
 *
 * Judgement (this project's scheme, after the usual 人間ドック判定区分, simplified to four):
 *   A 異常なし — within the reference range
 *   B 軽度異常 — slightly outside, no action needed
 *   C 要経過観察 — watch it: lifestyle advice, recheck at the next checkup or sooner
 *   D 要医療 — see a doctor
 * Each item lists the lowest value of B, C and D (upper limits) or the highest value (lower limits).
 * The thresholds are illustrative for a demo, not medical advice.
 */
import type { CheckupItemCode, Judgement, ReferenceRange } from '../../../src/platform/types';

export interface CheckupItemDefinition {
  code: CheckupItemCode;
  name: string;
  unit: string;
  referenceRange: ReferenceRange;
  /** Values at or above: B, C, D (undefined: that grade is not used above the range). */
  high?: [b: number | undefined, c: number | undefined, d: number | undefined];
  /** Values at or below: B, C, D (for items that are bad when low). */
  low?: [b: number | undefined, c: number | undefined, d: number | undefined];
  /** Decimal places the value is reported with. */
  decimals: number;
}

export const CHECKUP_ITEMS: readonly CheckupItemDefinition[] = [
  {
    code: '9A751',
    name: '収縮期血圧',
    unit: 'mmHg',
    referenceRange: { high: 129, text: '129 以下' },
    high: [130, 140, 160],
    decimals: 0,
  },
  {
    code: '9A761',
    name: '拡張期血圧',
    unit: 'mmHg',
    referenceRange: { high: 84, text: '84 以下' },
    high: [85, 90, 100],
    decimals: 0,
  },
  {
    code: '9N006',
    name: '体重',
    unit: 'kg',
    // Weight alone is not judged; BMI carries the judgement.
    referenceRange: { text: '—（BMI で判定）' },
    decimals: 1,
  },
  {
    code: '9N011',
    name: 'BMI',
    unit: 'kg/m2',
    referenceRange: { low: 18.5, high: 24.9, text: '18.5〜24.9' },
    high: [25, 30, undefined],
    low: [18.4, 17.0, undefined],
    decimals: 1,
  },
  {
    code: '3D046',
    name: 'HbA1c（NGSP）',
    unit: '%',
    referenceRange: { high: 5.5, text: '5.5 以下' },
    high: [5.6, 6.0, 6.5],
    decimals: 1,
  },
  {
    code: '3D010',
    name: '空腹時血糖',
    unit: 'mg/dL',
    referenceRange: { high: 99, text: '99 以下' },
    high: [100, 110, 126],
    decimals: 0,
  },
  {
    code: '3F077',
    name: 'LDLコレステロール',
    unit: 'mg/dL',
    referenceRange: { high: 119, text: '60〜119' },
    high: [120, 140, 180],
    decimals: 0,
  },
  {
    code: '3F070',
    name: 'HDLコレステロール',
    unit: 'mg/dL',
    referenceRange: { low: 40, text: '40 以上' },
    low: [undefined, 39, 29],
    decimals: 0,
  },
  {
    code: '3F015',
    name: '中性脂肪',
    unit: 'mg/dL',
    referenceRange: { high: 149, text: '30〜149' },
    high: [150, 200, 500],
    decimals: 0,
  },
  {
    code: '3B035',
    name: 'AST（GOT）',
    unit: 'U/L',
    referenceRange: { high: 30, text: '30 以下' },
    high: [31, 36, 51],
    decimals: 0,
  },
  {
    code: '3B045',
    name: 'ALT（GPT）',
    unit: 'U/L',
    referenceRange: { high: 30, text: '30 以下' },
    high: [31, 36, 51],
    decimals: 0,
  },
  {
    code: '3B090',
    name: 'γ-GT（γ-GTP）',
    unit: 'U/L',
    referenceRange: { high: 50, text: '50 以下' },
    high: [51, 81, 101],
    decimals: 0,
  },
];

const GRADES: Judgement[] = ['B', 'C', 'D'];

export function itemDefinition(code: string): CheckupItemDefinition | undefined {
  return CHECKUP_ITEMS.find((item) => item.code === code);
}

/** The grade of one value: the worst of the upper and lower limits it crosses. */
export function judge(item: CheckupItemDefinition, value: number): Judgement {
  let worst: Judgement = 'A';
  GRADES.forEach((grade, index) => {
    const high = item.high?.[index];
    const low = item.low?.[index];
    if ((high !== undefined && value >= high) || (low !== undefined && value <= low)) worst = grade;
  });
  return worst;
}

/** The worst grade of several (A < B < C < D). */
export function worstOf(judgements: Judgement[]): Judgement {
  return judgements.reduce<Judgement>((worst, j) => (j > worst ? j : worst), 'A');
}

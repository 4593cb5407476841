/**
 * The checkup items the platform serves (checkup-items.json), with JLAC10 analyte codes and this project's judgement scheme.
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
import checkupItems from './checkup-items.json';

/** One checkup item as checkup-items.json lists it. */
export interface CheckupItemDefinition {
  code: CheckupItemCode;
  name: string;
  unit: string;
  referenceRange: ReferenceRange;
  /** Values at or above: B, C, D (null: that grade is not used above the range). */
  high?: GradeLimits;
  /** Values at or below: B, C, D (for items that are bad when low). */
  low?: GradeLimits;
  /** Decimal places the value is reported with. */
  decimals: number;
}

type GradeLimits = [b: number | null, c: number | null, d: number | null];

export const CHECKUP_ITEMS = checkupItems as readonly CheckupItemDefinition[];

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
    if ((high != null && value >= high) || (low != null && value <= low)) worst = grade;
  });
  return worst;
}

/** The worst grade of several (A < B < C < D). */
export function worstOf(judgements: Judgement[]): Judgement {
  return judgements.reduce<Judgement>((worst, j) => (j > worst ? j : worst), 'A');
}

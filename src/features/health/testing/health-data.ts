/**
 * Realistic, fictitious health records for the health screens' tests, after the platform
 * simulator's seed (mocks/platform/seed: items, reference ranges and the judgement scheme; 山田 太郎's
 * rising HbA1c). Ten yearly checkups so lists scroll, twelve items, long medicine names.
 */
import { CHECKUP_ITEMS, judge } from '../../../../mocks/platform/seed/checkup-items';
import type {
  Checkup,
  CheckupItemCode,
  CheckupSummary,
  Judgement,
  Medication,
  Trend,
} from '../../../platform/types';

const INSTITUTIONS = ['窓口町保健センター', '医療法人社団みどり会 窓口町中央クリニック健診センター'];

/** Ten checkups, 2017–2026, newest first (the platform's order). */
export const CHECKUPS: CheckupSummary[] = Array.from({ length: 10 }, (_, i) => {
  const year = 2026 - i;
  return {
    id: `ck-${year}`,
    date: `${year}-06-12`,
    institution: INSTITUTIONS[i % 2] as string,
    overallJudgement: i < 3 ? 'D' : i < 6 ? 'C' : 'B',
  };
});

/** The 2026 values of a resident whose sugar and lipids are creeping up. */
const VALUES_2026: Record<CheckupItemCode, number> = {
  '9A751': 142,
  '9A761': 86,
  '9N006': 74.8,
  '9N011': 25.9,
  '3D046': 6.7,
  '3D010': 131,
  '3F077': 121,
  '3F070': 38,
  '3F015': 180,
  '3B035': 27,
  '3B045': 28,
  '3B090': 40,
};

export const CHECKUP: Checkup = {
  ...(CHECKUPS[0] as CheckupSummary),
  items: CHECKUP_ITEMS.map((item) => ({
    code: item.code,
    name: item.name,
    value: VALUES_2026[item.code],
    unit: item.unit,
    referenceRange: item.referenceRange,
    judgement: item.high || item.low ? judge(item, VALUES_2026[item.code]) : 'A',
  })),
};

/**
 * A trend's points, one a year from 2021, each from that year's checkup on `monthDay`: the values,
 * and the grades as one letter a year ("AABCDD").
 */
const yearly = (monthDay: string, values: number[], grades: string): Trend['points'] =>
  values.map((value, i) => ({
    checkupId: `ck-${2021 + i}`,
    date: `${2021 + i}-${monthDay}`,
    value,
    judgement: grades[i] as Judgement,
  }));

/** Six years of fasting glucose: in the band at first, then above it. */
export const TREND: Trend = {
  code: '3D010',
  name: '空腹時血糖',
  unit: 'mg/dL',
  referenceRange: { high: 99, text: '99 以下' },
  points: yearly('06-12', [94, 98, 108, 118, 126, 132], 'AABCDD'),
};

/** BMI of a resident losing weight: below a two-sided band. */
export const TREND_LOW: Trend = {
  code: '9N011',
  name: 'BMI',
  unit: 'kg/m2',
  referenceRange: { low: 18.5, high: 24.9, text: '18.5〜24.9' },
  points: yearly('10-14', [20.1, 19.7, 19.0, 18.4, 17.5, 17.0], 'AAABBC'),
};

const PHARMACY = 'さくら調剤薬局 窓口町駅前店（日曜・祝日も営業）';

export const MEDICATIONS: Medication[] = [
  ['2026-07-01', 'メトホルミン塩酸塩錠250mg「トーワ」', '1回1錠 1日2回 朝夕食後', 28],
  ['2026-06-03', '精製ヒアルロン酸ナトリウム点眼液0.1%「センジュ」', '1回1滴 1日5回 両眼', 30],
  ['2026-05-20', 'エルデカルシトールカプセル0.75μg「サワイ」', '1回1カプセル 1日1回 朝食後', 28],
  ['2026-04-22', 'ロスバスタチン錠2.5mg', '1回1錠 1日1回 夕食後', 28],
  ['2026-03-25', 'アムロジピンOD錠5mg「トーワ」', '1回1錠 1日1回 朝食後', 28],
  ['2026-02-25', '酸化マグネシウム錠330mg', '1回1錠 1日3回 毎食後', 14],
  ['2026-01-28', 'カンデサルタン錠8mg', '1回1錠 1日1回 朝食後', 28],
  ['2025-12-24', 'ロキソプロフェンナトリウムテープ100mg', '1日1回 1枚 腰に貼る', 14],
].map(([dispensedOn, drugName, dose, days], i) => ({
  id: `rx-${i + 1}`,
  dispensedOn: dispensedOn as string,
  drugName: drugName as string,
  dose: dose as string,
  days: days as number,
  pharmacy: PHARMACY,
}));

/**
 * The demo town's residents as the cable operator and the municipality know them. Names and birth
 * dates match DEMO_HOLDERS (mocks/pki/demo-holders.ts), so a virtual card issued to a demo holder
 * can register with the customer number below. 中村 正 has no demo card (for mismatch tests).
 */
import type { CheckupItemCode } from '../../../src/platform/types';

export const MUNICIPALITY = '東京都千代田区窓口町';

export interface Customer {
  /** お客様番号 of the cable operator (8 digits). */
  customerNumber: string;
  name: string;
  /** ISO YYYY-MM-DD */
  birthDate: string;
}

/** Three annual values per item, oldest first. */
type ThreeYears = [number, number, number];

export interface PrescriptionSpec {
  drugName: string;
  dose: string;
  days: number;
  pharmacy: string;
}

export interface Resident extends Customer {
  /** Month and day of the annual checkup. */
  checkupDay: [month: number, day: number];
  institution: string;
  values: Record<CheckupItemCode, ThreeYears>;
  prescriptions: PrescriptionSpec[];
}

const MIDORI = '窓口町みどり薬局';
const SAKURA = 'さくら調剤薬局 窓口町店';

/** BMI from weight and height, rounded to 0.1 like a checkup report. */
const bmi = (weights: ThreeYears, heightCm: number): ThreeYears =>
  weights.map((w) => Math.round((w / (heightCm / 100) ** 2) * 10) / 10) as ThreeYears;

function values(
  heightCm: number,
  v: Omit<Record<CheckupItemCode, ThreeYears>, '9N011'>,
): Record<CheckupItemCode, ThreeYears> {
  return { ...v, '9N011': bmi(v['9N006'], heightCm) };
}

export const RESIDENTS: readonly Resident[] = [
  {
    customerNumber: '10010001',
    name: '山田 太郎',
    birthDate: '1947-05-14',
    checkupDay: [7, 10],
    institution: '窓口町保健センター',
    // HbA1c and fasting glucose rising into 要医療: the case the TV trend view is for.
    values: values(170, {
      '9A751': [134, 138, 142],
      '9A761': [82, 84, 86],
      '9N006': [72.0, 73.5, 74.8],
      '3D046': [6.0, 6.3, 6.7],
      '3D010': [108, 118, 131],
      '3F077': [128, 124, 121],
      '3F070': [48, 46, 45],
      '3F015': [165, 172, 180],
      '3B035': [24, 26, 27],
      '3B045': [22, 25, 28],
      '3B090': [38, 42, 40],
    }),
    prescriptions: [
      { drugName: 'メトホルミン塩酸塩錠250mg', dose: '1回1錠 1日2回 朝夕食後', days: 28, pharmacy: MIDORI },
    ],
  },
  {
    customerNumber: '10010002',
    name: '佐藤 花子',
    birthDate: '1952-02-29',
    checkupDay: [6, 18],
    institution: '窓口町中央クリニック',
    values: values(152, {
      '9A751': [124, 126, 129],
      '9A761': [76, 78, 79],
      '9N006': [51.0, 51.5, 52.2],
      '3D046': [5.6, 5.7, 5.7],
      '3D010': [96, 98, 101],
      '3F077': [152, 161, 168],
      '3F070': [62, 60, 61],
      '3F015': [110, 118, 126],
      '3B035': [21, 22, 24],
      '3B045': [16, 18, 19],
      '3B090': [18, 20, 19],
    }),
    prescriptions: [
      { drugName: 'ロスバスタチン錠2.5mg', dose: '1回1錠 1日1回 夕食後', days: 28, pharmacy: SAKURA },
    ],
  },
  {
    customerNumber: '10010003',
    name: '鈴木 一郎',
    birthDate: '1944-11-03',
    checkupDay: [9, 5],
    institution: '窓口町保健センター',
    values: values(165, {
      '9A751': [152, 158, 146],
      '9A761': [92, 95, 88],
      '9N006': [66.0, 65.2, 64.5],
      '3D046': [5.8, 5.9, 5.9],
      '3D010': [102, 104, 103],
      '3F077': [118, 115, 112],
      '3F070': [52, 51, 53],
      '3F015': [140, 135, 128],
      '3B035': [28, 29, 27],
      '3B045': [24, 23, 22],
      '3B090': [55, 58, 52],
    }),
    prescriptions: [
      { drugName: 'アムロジピン錠5mg', dose: '1回1錠 1日1回 朝食後', days: 28, pharmacy: MIDORI },
      { drugName: 'カンデサルタン錠8mg', dose: '1回1錠 1日1回 朝食後', days: 28, pharmacy: MIDORI },
    ],
  },
  {
    customerNumber: '10010004',
    name: '高橋 幸子',
    birthDate: '1949-08-21',
    checkupDay: [6, 2],
    institution: '窓口町中央クリニック',
    values: values(155, {
      '9A751': [118, 121, 122],
      '9A761': [72, 74, 73],
      '9N006': [53.0, 53.4, 53.1],
      '3D046': [5.4, 5.5, 5.5],
      '3D010': [92, 94, 95],
      '3F077': [112, 116, 118],
      '3F070': [70, 68, 71],
      '3F015': [82, 88, 90],
      '3B035': [20, 21, 22],
      '3B045': [15, 16, 15],
      '3B090': [16, 17, 16],
    }),
    prescriptions: [
      {
        drugName: '精製ヒアルロン酸ナトリウム点眼液0.1%',
        dose: '1回1滴 1日5回 両眼',
        days: 30,
        pharmacy: SAKURA,
      },
    ],
  },
  {
    customerNumber: '10010005',
    name: '渡邉 ミツ',
    birthDate: '1941-12-25',
    checkupDay: [10, 14],
    institution: '窓口町保健センター',
    // Losing weight: BMI drifts below the range (軽度異常), the frailty sign a family would watch.
    values: values(147, {
      '9A751': [132, 128, 126],
      '9A761': [74, 72, 70],
      '9N006': [42.5, 41.0, 39.6],
      '3D046': [5.7, 5.6, 5.6],
      '3D010': [95, 93, 94],
      '3F077': [108, 104, 99],
      '3F070': [58, 57, 55],
      '3F015': [96, 92, 88],
      '3B035': [26, 27, 29],
      '3B045': [14, 13, 13],
      '3B090': [14, 15, 14],
    }),
    prescriptions: [
      { drugName: '酸化マグネシウム錠330mg', dose: '1回1錠 1日3回 毎食後', days: 14, pharmacy: MIDORI },
      {
        drugName: 'エルデカルシトールカプセル0.75μg',
        dose: '1回1カプセル 1日1回 朝食後',
        days: 28,
        pharmacy: MIDORI,
      },
    ],
  },
  {
    customerNumber: '10010006',
    name: '伊藤 翔',
    birthDate: '1955-01-07',
    checkupDay: [8, 22],
    institution: '窓口町中央クリニック',
    values: values(175, {
      '9A751': [136, 139, 141],
      '9A761': [86, 88, 91],
      '9N006': [81.0, 83.0, 84.5],
      '3D046': [5.6, 5.8, 5.9],
      '3D010': [104, 106, 109],
      '3F077': [138, 142, 145],
      '3F070': [41, 39, 38],
      '3F015': [210, 235, 248],
      '3B035': [34, 38, 41],
      '3B045': [42, 48, 55],
      '3B090': [96, 112, 128],
    }),
    prescriptions: [],
  },
];

/** A customer of the operator without a demo card. */
export const OTHER_CUSTOMERS: readonly Customer[] = [
  { customerNumber: '10019001', name: '中村 正', birthDate: '1950-03-30' },
];

/**
 * The demo town's residents as the cable operator and the municipality know them (residents.json).
 * Names and birth dates match DEMO_HOLDERS (mocks/pki/demo-holders.ts), so a virtual card issued to a
 * demo holder can register with the customer number listed. 中村 正, among the other customers, has no
 * demo card (for mismatch tests). A resident's `story` says what their values show in the demo.
 */
import type { CheckupItemCode } from '../../../src/platform/types';
import town from './residents.json';

export interface Customer {
  /** お客様番号 of the cable operator (8 digits). */
  customerNumber: string;
  name: string;
  /** ISO YYYY-MM-DD */
  birthDate: string;
}

/** Three annual values per item, oldest first. */
type ThreeYears = [number, number, number];

interface ResidentRecord extends Customer {
  story?: string;
  /** Month and day of the annual checkup. */
  checkupDay: [month: number, day: number];
  institution: string;
  heightCm: number;
  /** Every item but BMI, which comes from weight and height as on a checkup report. */
  values: Omit<Record<CheckupItemCode, ThreeYears>, '9N011'>;
  prescriptions: { drugName: string; dose: string; days: number; pharmacy: string }[];
}

export interface Resident extends Omit<ResidentRecord, 'values'> {
  values: Record<CheckupItemCode, ThreeYears>;
}

/** BMI from weight and height, rounded to 0.1 like a checkup report. */
const bmi = (weights: ThreeYears, heightCm: number): ThreeYears =>
  weights.map((w) => Math.round((w / (heightCm / 100) ** 2) * 10) / 10) as ThreeYears;

export const MUNICIPALITY = town.municipality;

export const RESIDENTS: readonly Resident[] = (town.residents as ResidentRecord[]).map((resident) => ({
  ...resident,
  values: { ...resident.values, '9N011': bmi(resident.values['9N006'], resident.heightCm) },
}));

/** Customers of the operator without a demo card. */
export const OTHER_CUSTOMERS: readonly Customer[] = town.otherCustomers;

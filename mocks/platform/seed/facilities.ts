/**
 * The demo town's facilities. Every room has the three コマ of the municipal booking systems:
 * 朝 9:00–12:00, 午後 13:00–17:00, 夜間 18:00–21:00 (the library meeting room has no 夜間).
 * Fees are per コマ. closedWeekdays: 0 = Sunday … 6 = Saturday (休館日).
 */
import type { Facility, TimeSlot } from '../../../src/platform/types';

export const TIME_SLOTS: readonly TimeSlot[] = [
  { code: 'morning', label: '朝', start: '09:00', end: '12:00' },
  { code: 'afternoon', label: '午後', start: '13:00', end: '17:00' },
  { code: 'evening', label: '夜間', start: '18:00', end: '21:00' },
];

const ALL_SLOTS = [...TIME_SLOTS];
const DAYTIME_SLOTS = TIME_SLOTS.filter((slot) => slot.code !== 'evening');

export const FACILITIES: readonly Facility[] = [
  {
    id: 'kominkan',
    name: '窓口町公民館',
    kind: '公民館',
    address: '東京都千代田区窓口町一丁目1番1号',
    phone: '03-0000-1101',
    closedWeekdays: [1],
    rooms: [
      { id: 'kominkan-hall', name: '大会議室', capacityPeople: 60, feeYen: 1200, slots: ALL_SLOTS },
      { id: 'kominkan-washitsu', name: '和室', capacityPeople: 20, feeYen: 600, slots: ALL_SLOTS },
      { id: 'kominkan-kitchen', name: '調理実習室', capacityPeople: 24, feeYen: 900, slots: ALL_SLOTS },
    ],
  },
  {
    id: 'taiikukan',
    name: '窓口町体育館',
    kind: '体育館',
    address: '東京都千代田区窓口町二丁目3番1号',
    phone: '03-0000-1102',
    closedWeekdays: [2],
    rooms: [
      { id: 'taiikukan-arena', name: '競技場（全面）', capacityPeople: 200, feeYen: 2400, slots: ALL_SLOTS },
      { id: 'taiikukan-pingpong', name: '卓球室', capacityPeople: 16, feeYen: 800, slots: ALL_SLOTS },
    ],
  },
  {
    id: 'toshokan',
    name: '窓口町立図書館',
    kind: '図書館',
    address: '東京都千代田区窓口町一丁目5番2号',
    phone: '03-0000-1103',
    closedWeekdays: [1],
    rooms: [{ id: 'toshokan-shukai', name: '集会室', capacityPeople: 30, feeYen: 500, slots: DAYTIME_SLOTS }],
  },
  {
    id: 'bunka',
    name: '窓口町文化センター',
    kind: '文化センター',
    address: '東京都千代田区窓口町三丁目2番6号',
    phone: '03-0000-1104',
    closedWeekdays: [3],
    rooms: [
      { id: 'bunka-music', name: '音楽室', capacityPeople: 15, feeYen: 800, slots: ALL_SLOTS },
      { id: 'bunka-atelier', name: '創作室', capacityPeople: 20, feeYen: 700, slots: ALL_SLOTS },
    ],
  },
  {
    id: 'fukushi',
    name: '窓口町高齢者福祉センター',
    kind: '福祉センター',
    address: '東京都千代田区窓口町二丁目8番4号',
    phone: '03-0000-1105',
    closedWeekdays: [0],
    rooms: [
      { id: 'fukushi-tamokuteki', name: '多目的室', capacityPeople: 40, feeYen: 0, slots: ALL_SLOTS },
      { id: 'fukushi-yoku', name: '機能訓練室', capacityPeople: 12, feeYen: 0, slots: DAYTIME_SLOTS },
    ],
  },
  {
    id: 'undokoen',
    name: '窓口町運動公園',
    kind: '運動施設',
    address: '東京都千代田区窓口町三丁目10番1号',
    phone: '03-0000-1106',
    closedWeekdays: [],
    rooms: [
      { id: 'undokoen-tennis-a', name: 'テニスコートA面', capacityPeople: 4, feeYen: 1000, slots: ALL_SLOTS },
      { id: 'undokoen-tennis-b', name: 'テニスコートB面', capacityPeople: 4, feeYen: 1000, slots: ALL_SLOTS },
      {
        id: 'undokoen-gateball',
        name: 'ゲートボール場',
        capacityPeople: 20,
        feeYen: 300,
        slots: DAYTIME_SLOTS,
      },
    ],
  },
];

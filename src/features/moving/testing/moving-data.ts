/**
 * An address change as the platform answers it, for the moving flow's tests and the gallery:
 * fictitious addresses and the simulator's kinds of service (cable, insurer, booking, energy, bank).
 */
import type { AddressChange, LinkedService, MoveDetails } from '../../../machines/ports';

export const NEW_ADDRESS = 'みどり市中央町四丁目8番1号 みどりハイツ305号室';
const OLD_ADDRESS = 'みどり市本町一丁目2番3号';

const linkedServices: LinkedService[] = [
  {
    id: 'cable',
    name: 'みどりケーブルテレビ',
    nameEn: 'Midori Cable TV',
    kind: 'cable',
    linked: true,
    heldAddress: OLD_ADDRESS,
  },
  {
    id: 'insurer',
    name: 'みどり市国民健康保険',
    nameEn: 'Midori City Health Insurance',
    kind: 'healthInsurer',
    linked: true,
    heldAddress: OLD_ADDRESS,
  },
  {
    id: 'booking',
    name: 'みどり市施設予約',
    nameEn: 'Midori City Facility Booking',
    kind: 'facilityBooking',
    linked: true,
    heldAddress: NEW_ADDRESS,
  },
  {
    id: 'energy',
    name: 'みどり電力・ガス',
    nameEn: 'Midori Power & Gas',
    kind: 'energy',
    linked: true,
    heldAddress: OLD_ADDRESS,
  },
  { id: 'bank', name: 'みどり銀行', nameEn: 'Midori Bank', kind: 'bank', linked: false },
];

export const moveDetails: MoveDetails = { newAddress: NEW_ADDRESS, services: linkedServices };

type Status = AddressChange['deliveries'][number]['status'];
const NAMES: Record<string, [string, string]> = {
  cable: ['みどりケーブルテレビ', 'Midori Cable TV'],
  insurer: ['みどり市国民健康保険', 'Midori City Health Insurance'],
  energy: ['みどり電力・ガス', 'Midori Power & Gas'],
};

/** The request with each service's status; `actionRequired` ones carry a reason. */
export function addressChange(statuses: Record<string, Status>, id = 'ac-0001'): AddressChange {
  const deliveries = Object.entries(statuses).map(([serviceId, status]) => ({
    serviceId,
    name: NAMES[serviceId]?.[0] ?? serviceId,
    nameEn: NAMES[serviceId]?.[1] ?? serviceId,
    status,
    attempts: status === 'sending' ? 1 : 2,
    updatedAt: '2026-12-07T03:00:00Z',
    ...(status === 'actionRequired'
      ? {
          reason: 'お客さま番号の確認が必要です。みどり電力・ガス（0120-111-222）へお電話ください。',
          reasonEn: 'Your customer number needs checking. Please call Midori Power & Gas (0120-111-222).',
        }
      : {}),
  }));
  const values = deliveries.map((d) => d.status);
  const overall = values.some((s) => s === 'sending' || s === 'accepted')
    ? 'inProgress'
    : values.includes('actionRequired')
      ? 'actionRequired'
      : 'completed';
  return {
    id,
    status: overall,
    newAddress: NEW_ADDRESS,
    createdAt: '2026-12-07T03:00:00Z',
    consent: { signedAt: '2026-12-07T03:00:00Z', signCertificateSerial: '0a1b2c' },
    deliveries,
  };
}

/**
 * The moving screens' props as the view makes them, for the screens' tests and the gallery: the
 * services beside a long new address, a summary, the status while polling and a mixed final one.
 */
import type {
  DeliveryRow,
  MovingServicesProps,
  MovingStatusProps,
  MovingSummaryProps,
} from '../view/moving-view';
import { SCREEN } from '../../../app/screens/ids';
import type { ScreenView } from '../../../app/view/app-view';
import { addressChange, NEW_ADDRESS } from './moving-data';

/** The flow's failure message as the view makes it: the error, 再試行 (RETRY) and やめる (BACK). */
export const retryOrLeave = (titleKey: string, key: string): ScreenView => ({
  screen: SCREEN.message,
  target: 'moving',
  props: {
    tone: 'error',
    titleKey,
    body: { key },
    actions: [
      { labelKey: 'common.retry', event: { type: 'RETRY' } },
      { labelKey: 'moving.leave', event: { type: 'BACK' } },
    ],
    contact: true,
  },
});

const OLD = 'みどり市本町一丁目2番3号';

export const servicesProps = (overrides: Partial<MovingServicesProps> = {}): MovingServicesProps => ({
  newAddress: NEW_ADDRESS,
  services: [
    {
      id: 'cable',
      name: 'みどりケーブルテレビ',
      nameEn: 'Midori Cable TV',
      heldAddress: OLD,
      upToDate: false,
      chosen: true,
    },
    {
      id: 'insurer',
      name: 'みどり市国民健康保険',
      nameEn: 'Midori City Health Insurance',
      heldAddress: OLD,
      upToDate: false,
      chosen: false,
    },
    {
      id: 'booking',
      name: 'みどり市施設予約',
      nameEn: 'Midori City Facility Booking',
      heldAddress: NEW_ADDRESS,
      upToDate: true,
      chosen: false,
    },
    {
      id: 'energy',
      name: 'みどり電力・ガス',
      nameEn: 'Midori Power & Gas',
      heldAddress: OLD,
      upToDate: false,
      chosen: true,
    },
    {
      id: 'bank',
      name: 'みどり銀行',
      nameEn: 'Midori Bank',
      heldAddress: OLD,
      upToDate: false,
      chosen: true,
    },
  ],
  nothingChosen: false,
  ...overrides,
});

export const summaryProps: MovingSummaryProps = {
  newAddress: NEW_ADDRESS,
  services: [
    { name: 'みどりケーブルテレビ', nameEn: 'Midori Cable TV' },
    { name: 'みどり市国民健康保険', nameEn: 'Midori City Health Insurance' },
    { name: 'みどり電力・ガス', nameEn: 'Midori Power & Gas' },
    { name: 'みどり銀行', nameEn: 'Midori Bank' },
  ],
  triesLeft: 5,
  maxTries: 5,
};

const rows = (statuses: Parameters<typeof addressChange>[0]): DeliveryRow[] =>
  addressChange(statuses).deliveries.map((d) => ({
    serviceId: d.serviceId,
    name: d.name,
    nameEn: d.nameEn,
    status: d.status,
    ...(d.reason ? { reason: { ja: d.reason, en: d.reasonEn ?? d.reason } } : {}),
  }));

export const pollingProps: MovingStatusProps = {
  newAddress: NEW_ADDRESS,
  deliveries: rows({ cable: 'completed', insurer: 'accepted', energy: 'sending' }),
  final: false,
};

/** Final: one service done, one done, one needing the viewer (with its reason). */
export const mixedProps: MovingStatusProps = {
  newAddress: NEW_ADDRESS,
  deliveries: rows({ cable: 'completed', insurer: 'completed', energy: 'actionRequired' }),
  final: true,
};

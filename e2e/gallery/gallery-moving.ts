/**
 * The address change's gallery entries (住所変更ワンストップ): the consent, the services beside the
 * new address (and with nothing chosen), the summary, the signature password titled for the
 * consent, the status while polling and a final mixed one, and the flow's two error messages.
 */
import type { AppView, ScreenView } from '../../src/app/view/app-view';
import { SCREEN } from '../../src/app/screens/ids';
import { signPasswordTyping } from '../../src/features/secret-entry/testing/keypad-props';
import {
  mixedProps,
  retryOrLeave,
  pollingProps,
  servicesProps,
  summaryProps,
} from '../../src/features/moving/testing/screen-fixtures';
import type { GalleryEntry } from './gallery-common';

const moving = (screen: ScreenView['screen'], props: unknown): AppView => ({
  main: { screen, target: 'moving', props },
});
const failed = (titleKey: string, key: string): AppView => ({ main: retryOrLeave(titleKey, key) });

const entries: Array<[string, AppView]> = [
  ['moving-consent', moving(SCREEN.movingConsent, {})],
  ['moving-services', moving(SCREEN.movingServices, servicesProps())],
  [
    'moving-services-nothing-chosen',
    moving(
      SCREEN.movingServices,
      servicesProps({
        nothingChosen: true,
        services: servicesProps().services.map((s) => ({ ...s, chosen: false })),
      }),
    ),
  ],
  ['moving-summary', moving(SCREEN.movingSummary, summaryProps)],
  ['moving-password', moving(SCREEN.signPassword, signPasswordTyping({ titleKey: 'moving.password.title' }))],
  ['moving-status-polling', moving(SCREEN.movingStatus, pollingProps)],
  ['moving-status-mixed', moving(SCREEN.movingStatus, mixedProps)],
  ['moving-fetch-failed', failed('moving.title.fetchFailed', 'NETWORK_ERROR')],
  ['moving-send-failed', failed('moving.title.sendFailed', 'addressChangeNotSent')],
];

/** In Japanese, and the screens of the flow's own again in English. */
export const MOVING_GALLERY: GalleryEntry[] = [
  ...entries.map(([name, view]) => ({ name, view })),
  ...entries
    .filter(([name]) =>
      ['moving-consent', 'moving-services', 'moving-summary', 'moving-status-mixed'].includes(name),
    )
    .map(([name, view]) => ({ name: `${name}.en`, view, language: 'en' as const })),
];

/**
 * Pairing a phone's gallery entries: the code screen (and with polls lost), and each of the flow's
 * messages — getting a code, paired, declined, expired, the platform out of reach, a box its
 * operator did not set up — from the flow's own view. Logging in by the phone (no reader): the code
 * screen with its title, logging in, and why it did not (declined, not registered, revoked).
 */
import type { AppView, ScreenView } from '../../src/app/view/app-view';
import { SCREEN } from '../../src/app/screens/ids';
import { createActor } from 'xstate';
import { pairingMachine } from '../../src/features/companion/machine/pairing.machine';
import { companionView, type PairingCodeProps } from '../../src/features/companion/view/companion-view';
import { CODES, PAIRING } from '../../src/features/companion/testing/pairing-data';
import type { GalleryEntry } from './gallery-common';

const companion = (screen: ScreenView['screen'], props: unknown): AppView => ({
  main: { screen, target: 'companion', props },
});
const code: PairingCodeProps = {
  userCode: CODES.userCode,
  verificationUri: 'http://127.0.0.1:8787/pair',
  verificationUriComplete: 'http://127.0.0.1:8787/pair?code=BCDF-GHJK',
  minutesLeft: 10,
  reconnecting: false,
};
const newCodeOrLeave = [
  { labelKey: 'companion.newCode', event: { type: 'RETRY' } },
  { labelKey: 'companion.leave', event: { type: 'BACK' } },
];
const notice = (titleKey: string, key: string, actions = newCodeOrLeave): AppView =>
  companion(SCREEN.message, { tone: 'notice', titleKey, body: { key }, actions, contact: false });
const refused = (tone: 'notice' | 'error', key: string): AppView =>
  companion(SCREEN.message, {
    tone,
    titleKey: 'companion.login.title.denied',
    body: { key },
    actions: newCodeOrLeave,
    contact: tone === 'error',
  });
const failed = (key: string): AppView =>
  companion(SCREEN.message, {
    tone: 'error',
    titleKey: 'common.title.error',
    body: { key },
    actions: [
      { labelKey: 'common.retry', event: { type: 'RETRY' } },
      { labelKey: 'companion.leave', event: { type: 'BACK' } },
    ],
    contact: true,
  });

/** The flow's own view of a phone paired already (its focus starts on 戻る). */
function connectedView(): ScreenView {
  const flow = createActor(pairingMachine, {
    input: { pairing: PAIRING, now: PAIRING.expiresAt - 60_000 },
  }).start();
  const view = companionView(flow.getSnapshot());
  flow.stop();
  return view;
}

const entries: Array<[string, AppView]> = [
  [
    'pairing-starting',
    companion(SCREEN.status, { titleKey: 'companion.title', bodyKey: 'companion.starting' }),
  ],
  ['pairing-code', companion(SCREEN.pairingCode, code)],
  [
    'pairing-code-reconnecting',
    companion(SCREEN.pairingCode, { ...code, minutesLeft: 1, reconnecting: true }),
  ],
  [
    'pairing-paired',
    notice('companion.title.paired', 'phonePaired', [{ labelKey: 'companion.ok', event: { type: 'OK' } }]),
  ],
  ['pairing-denied', notice('companion.title.denied', 'ACCESS_DENIED')],
  ['pairing-expired', notice('companion.title.expired', 'EXPIRED_TOKEN')],
  ['pairing-unreachable', failed('NETWORK_ERROR')],
  ['pairing-not-set-up', failed('INVALID_CLIENT')],
  ['pairing-connected', { main: connectedView() }],
  [
    'pairing-unpairing',
    companion(SCREEN.status, { titleKey: 'companion.title.unpairing', bodyKey: 'common.pleaseWait' }),
  ],
  [
    'pairing-unpaired',
    notice('companion.title.unpaired', 'phoneUnpaired', [
      { labelKey: 'companion.ok', event: { type: 'OK' } },
    ]),
  ],
  [
    'phone-login-starting',
    companion(SCREEN.status, { titleKey: 'companion.login.title', bodyKey: 'companion.starting' }),
  ],
  ['phone-login-code', companion(SCREEN.pairingCode, { ...code, login: true })],
  [
    'phone-login-signing-in',
    companion(SCREEN.status, { titleKey: 'companion.login.title', bodyKey: 'companion.login.signingIn' }),
  ],
  ['phone-login-declined', refused('notice', 'phoneLoginDeclined')],
  ['phone-login-not-registered', refused('error', 'phoneLoginNotRegistered')],
  ['phone-login-revoked', refused('error', 'CERTIFICATE_REVOKED')],
];
const IN_ENGLISH = [
  'pairing-code',
  'pairing-code-reconnecting',
  'pairing-paired',
  'phone-login-code',
  'phone-login-not-registered',
];

/** In Japanese, and the code screens, the success and a refusal again in English. */
export const COMPANION_GALLERY: GalleryEntry[] = [
  ...entries.map(([name, view]) => ({ name, view })),
  ...entries
    .filter(([name]) => IN_ENGLISH.includes(name))
    .map(([name, view]) => ({ name: `${name}.en`, view, language: 'en' as const })),
];

/**
 * Fixed views of the session, login, registration and health screens for the screenshot gallery
 * (`npm run screenshots`, e2e/gallery.e2e.test.ts): one entry per screen and per state a viewer
 * can meet, with realistic data. Booking's entries are in gallery-booking.ts.
 */
import { CHECKUP, CHECKUPS, MEDICATIONS, TREND } from '../../src/features/health/testing/health-data';
import type { AppView, MessageAction, MessageProps, ScreenView } from '../../src/app/view/app-view';
import type { MessageKey } from '../../src/machines/messages';
import type { PinEntryProps } from '../../src/features/secret-entry/props';
import { pinEntryTyping, signPasswordTyping } from '../../src/features/secret-entry/testing/keypad-props';
import { SCREEN } from '../../src/app/screens/ids';
import type { TextSize } from '../../src/app/theme/tokens';

export interface GalleryEntry {
  /** File name (without .png). */
  name: string;
  view: AppView;
  language?: 'ja' | 'en';
  /** Open the help overlay over the view. */
  help?: boolean;
  /** The help's page (2: its second page, where it has one). */
  helpPage?: number;
  /** The viewer's text size (標準 unless said). */
  textSize?: TextSize;
}

const main = (view: ScreenView): AppView => ({ main: view });
const pin = (props: Partial<PinEntryProps>): AppView =>
  main({
    screen: SCREEN.pinEntry,
    target: 'login',
    props: pinEntryTyping(props),
  });
const message = (target: ScreenView['target'], props: MessageProps): AppView =>
  main({ screen: SCREEN.message, target, props });
const retryCancel = [
  { labelKey: 'common.retry', event: { type: 'RETRY' } },
  { labelKey: 'common.cancel', event: { type: 'CANCEL' } },
];
const OK = [{ labelKey: 'common.ok', event: { type: 'OK' } }];
const LOG_IN_AGAIN = [{ labelKey: 'shell.logInAgain', event: { type: 'OK' } }];
const PHONE_LOGIN = [{ labelKey: 'shell.phoneLogin', event: { type: 'PHONE_LOGIN' } }];
/** An error: its title, what went wrong, what the viewer can press, and whether to show whom to call. */
const error = (
  titleKey: string,
  key: MessageKey,
  actions: MessageAction[],
  contact: boolean,
): MessageProps => ({
  tone: 'error',
  titleKey,
  body: { key },
  actions,
  contact,
});
/** A notice: nothing went wrong, so nobody needs calling. */
const notice = (titleKey: string, key: MessageKey, actions: MessageAction[]): MessageProps => ({
  tone: 'notice',
  titleKey,
  body: { key },
  actions,
  contact: false,
});

/** The same view in English, next to its Japanese entry. */
const inEnglish = (entry: GalleryEntry): GalleryEntry => ({
  ...entry,
  name: `${entry.name}.en`,
  language: 'en',
});
const ALSO_IN_ENGLISH = new Set([
  'insert-card',
  'pin-entry-last-try',
  'error-platform-down',
  'error-bridge-refused',
  'bridge-unsupported',
  'error-reader-service',
  'card-changed',
  'trend-chart',
]);

const JAPANESE: GalleryEntry[] = [
  { name: 'insert-card', view: main({ screen: SCREEN.insertCard, target: 'session', props: {} }) },
  {
    name: 'insert-card-card-removed',
    view: main({ screen: SCREEN.insertCard, target: 'session', props: { notice: { key: 'cardRemoved' } } }),
  },
  {
    name: 'status-connecting',
    view: main({
      screen: SCREEN.status,
      target: 'session',
      props: { titleKey: 'shell.connecting', body: { key: 'connectingBridge' } },
    }),
  },
  { name: 'pin-entry', view: pin({ digits: 2 }) },
  {
    name: 'pin-entry-wrong',
    view: pin({ digits: 0, triesLeft: 2, error: { key: 'pinIncorrect', params: { triesLeft: 2 } } }),
  },
  // One try left, OK pressed: the bridge is asked (it answers with the warning's value) — "checking…".
  { name: 'pin-entry-last-try-asking', view: pin({ digits: 4, triesLeft: 1, waiting: true }) },
  { name: 'pin-entry-last-try', view: pin({ digits: 4, triesLeft: 1, confirmingLastAttempt: true }) },
  {
    name: 'status-checking',
    view: main({
      screen: SCREEN.status,
      target: 'login',
      props: { titleKey: 'common.title.checking', bodyKey: 'common.working' },
    }),
  },
  { name: 'error-pin-locked', view: message('login', error('common.title.card', 'pinLocked', OK, true)) },
  {
    name: 'error-certificate-revoked',
    view: message('login', error('common.title.card', 'CERTIFICATE_REVOKED', OK, true)),
  },
  {
    name: 'error-platform-down',
    view: message('login', error('common.title.connection', 'PLATFORM_UNAVAILABLE', retryCancel, true)),
  },
  {
    name: 'error-bridge-refused',
    view: message('session', error('shell.bridgeRefusedTitle', 'bridgeRefused', [], true)),
  },
  {
    // A bridge of another major protocol: nothing wrong with card or remote, the box needs its update.
    name: 'bridge-unsupported',
    view: message('session', {
      ...notice('shell.bridgeUnsupportedTitle', 'bridgeUnsupported', []),
      contact: true,
    }),
  },
  {
    name: 'error-reader-service',
    view: message('session', error('common.title.connection', 'readerServiceUnavailable', [], false)),
  },
  {
    name: 'card-changed',
    view: message(
      'session',
      notice('shell.cardIdleTitle', 'cardChanged', [{ labelKey: 'shell.logIn', event: { type: 'OK' } }]),
    ),
  },
  {
    name: 'error-no-reader',
    view: message('session', error('common.title.connection', 'noReaderOrPhone', PHONE_LOGIN, true)),
  },
  {
    name: 'error-no-reader.en',
    view: message('session', error('common.title.connection', 'noReaderOrPhone', PHONE_LOGIN, true)),
    language: 'en',
  },
  {
    name: 'customer-number',
    view: main({
      screen: SCREEN.customerNumber,
      target: 'registration',
      props: { digits: '1001', min: 6, max: 12 },
    }),
  },
  {
    name: 'customer-number-not-found',
    view: main({
      screen: SCREEN.customerNumber,
      target: 'registration',
      props: { digits: '100200300', min: 6, max: 12, error: { key: 'CUSTOMER_NOT_FOUND' } },
    }),
  },
  {
    name: 'sign-password',
    view: main({
      screen: SCREEN.signPassword,
      target: 'registration',
      props: signPasswordTyping(),
    }),
  },
  {
    name: 'sign-password-incorrect',
    view: main({
      screen: SCREEN.signPassword,
      target: 'registration',
      props: signPasswordTyping({
        length: 0,
        triesLeft: 4,
        error: { key: 'signPasswordIncorrect', params: { triesLeft: 4 } },
      }),
    }),
  },
  {
    name: 'home',
    view: main({
      screen: SCREEN.home,
      target: 'session',
      props: { displayName: '山田 太郎', services: ['health', 'booking'], unread: 2 },
    }),
  },
  {
    name: 'home.en',
    view: main({
      screen: SCREEN.home,
      target: 'session',
      props: { displayName: 'Yamada Taro', services: ['health', 'booking'] },
    }),
    language: 'en',
  },
  {
    name: 'certificate-notice',
    view: main({ screen: SCREEN.certificateNotice, target: 'session', props: { days: 45 } }),
  },
  {
    name: 'idle-warning',
    view: {
      main: {
        screen: SCREEN.home,
        target: 'session',
        props: { displayName: '山田 太郎', services: ['health', 'booking'] },
      },
      idleWarning: { seconds: 30 },
    },
  },
  {
    name: 'help',
    view: main({
      screen: SCREEN.home,
      target: 'session',
      props: { displayName: '山田 太郎', services: ['health'] },
    }),
    help: true,
  },
  {
    name: 'help.en',
    view: main({
      screen: SCREEN.home,
      target: 'session',
      props: { displayName: 'Yamada Taro', services: ['health'] },
    }),
    language: 'en',
    help: true,
  },
  {
    name: 'help-second-page',
    view: main({
      screen: SCREEN.home,
      target: 'session',
      props: { displayName: '山田 太郎', services: ['health'] },
    }),
    help: true,
    helpPage: 2,
  },
  {
    name: 'logged-out',
    view: message('session', notice('shell.loggedOutTitle', 'loggedOutIdle', LOG_IN_AGAIN)),
  },
  ...(['ja', 'en'] as const).flatMap((language): GalleryEntry[] => [
    {
      // The platform ended the session with its certificate: why, and the way back in.
      name: `logged-out-certificate-revoked.${language}`,
      view: message('session', notice('shell.loggedOutTitle', 'loggedOutCertificateRevoked', LOG_IN_AGAIN)),
      language,
    },
    {
      // The first login with a renewed certificate (新旧紐付け).
      name: `certificate-renewed.${language}`,
      view: message('session', notice('shell.certificateRenewedTitle', 'certificateRenewed', OK)),
      language,
    },
    {
      // 変更確認: the signature certificate was revoked because the holder's information changed.
      name: `sign-certificate-changed.${language}`,
      view: message(
        'session',
        notice('shell.signCertificateTitle', 'signCertificateChanged', [
          { labelKey: 'shell.startMoving', event: { type: 'OPEN', section: 'moving' } },
          ...OK,
        ]),
      ),
      language,
    },
  ]),
  {
    name: 'checkup-list',
    view: main({
      screen: SCREEN.checkupList,
      target: 'health',
      props: { checkups: CHECKUPS, loading: false, empty: false },
    }),
  },
  {
    name: 'checkup-detail',
    view: main({
      screen: SCREEN.checkupDetail,
      target: 'health',
      props: { checkup: CHECKUP, loading: false },
    }),
  },
  {
    // The list cuts a long place short; the opened checkup shows it whole, on two lines.
    name: 'checkup-detail-long-place',
    view: main({
      screen: SCREEN.checkupDetail,
      target: 'health',
      props: { checkup: { ...CHECKUP, institution: CHECKUPS[1]!.institution }, loading: false },
    }),
  },
  {
    name: 'trend-chart',
    view: main({
      screen: SCREEN.trendChart,
      target: 'health',
      props: {
        itemCode: TREND.code,
        name: TREND.name,
        unit: TREND.unit,
        referenceRange: TREND.referenceRange,
        points: TREND.points,
        loading: false,
        empty: false,
      },
    }),
  },
  {
    name: 'medications',
    view: main({
      screen: SCREEN.medications,
      target: 'health',
      props: { medications: MEDICATIONS, loading: false, empty: false },
    }),
  },
];

export const COMMON_GALLERY: GalleryEntry[] = JAPANESE.flatMap((entry) =>
  ALSO_IN_ENGLISH.has(entry.name) ? [entry, inEnglish(entry)] : [entry],
);

/**
 * Imported by every family loaded on demand (families.ts): the modules they share with the initial
 * bundle and with each other. Reached from every chunk, these land in the one big shared chunk
 * instead of a small chunk per combination of families (each an extra request of the first start,
 * and worse gzip): scripts/build-app.js splits code by which entry points reach it.
 */
export { Button } from '../components/Button/Button';
export { ButtonRow } from '../components/ButtonRow/ButtonRow';
export { Menu } from '../components/Menu/Menu';
export { PinEntry } from '../../features/secret-entry/screens/PinEntry/PinEntry';
export { calendarWeeks } from '../../features/booking/view/booking-dates';
export { checkingView, triesOf } from '../../features/secret-entry/view/signing-flow-view';
export { PASSWORD_MAX } from '../../machines/entry';
export { contentLooks } from './content';
export { inJapan } from '../i18n/japan-dates';
export { phoneItem, phoneSendView } from '../view/phone-send-view';
// Each feature's declaration (its screen ids) is read by the shell and by that feature's chunk.
export { SCREEN } from './ids';
export { strings } from '../i18n/strings';
export { bookingFeature } from '../../features/booking';
export { companionFeature } from '../../features/companion';
export { healthFeature } from '../../features/health';
export { inboxFeature } from '../../features/inbox';
export { movingFeature } from '../../features/moving';
export { registrationFeature } from '../../features/registration';
// The flows' machines are in their chunks; what they build on (xstate, the flow and secret-entry
// helpers, the errors) is in the initial bundle already, for login.
export { assign, setup } from 'xstate';
export { errorIs } from '../../machines/errors';
export { featureFlow } from '../../machines/feature-flow';
export { notProvided } from '../../machines/ports';
export { sendToPhone } from '../../machines/phone-send';
export { secret } from '../../machines/secret';
export { PlatformError } from '../../platform/errors';
export { bytesToBase64 } from '../../platform/base64';
export { newIdempotencyKey } from '../../platform/resources/bookings';
export { SIGN_WITH_PIN } from '../../features/secret-entry/machine/card-flow';
export { secretComplete } from '../../features/secret-entry/machine/secret-entry';
export { passwordEntryMachine } from '../../features/secret-entry/machine/secret-entry.machine';

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
export { BOOKING_WINDOW_DAYS } from '../../features/booking/machine/booking.machine';
export { dateHasSlots } from '../../features/booking/machine/availability';
export { upToDate } from '../../features/moving/machine/moving.machine';
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

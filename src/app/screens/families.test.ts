import { initI18n, t } from '../i18n/i18n';
import { bookingFamily } from '../../features/booking/screens';
import { familyFor, isLoaded, lazyScreen, LAZY_SCREENS, loadFamily } from './families';
import { healthFamily } from '../../features/health/screens';
import { inboxFamily } from '../../features/inbox/screens';
import { companionFamily } from '../../features/companion/screens';
import { registrationFamily } from '../../features/registration/screens';
import { SCREENS } from './registry';
import { SCREEN } from './ids';

describe('screen families loaded on demand', () => {
  it('lists exactly the screens each family module registers, none also in the initial registry', () => {
    expect([...LAZY_SCREENS.health].sort()).toEqual(Object.keys(healthFamily.screens).sort());
    expect([...LAZY_SCREENS.inbox].sort()).toEqual(Object.keys(inboxFamily.screens).sort());
    expect([...LAZY_SCREENS.companion].sort()).toEqual(Object.keys(companionFamily.screens).sort());
    expect([...LAZY_SCREENS.booking].sort()).toEqual(Object.keys(bookingFamily.screens).sort());
    expect([...LAZY_SCREENS.registration].sort()).toEqual(Object.keys(registrationFamily.screens).sort());
    for (const screen of Object.values(LAZY_SCREENS).flat()) {
      expect([screen, SCREENS[screen]]).toEqual([screen, undefined]);
    }
  });

  it('names the family a view needs: its screen’s, else its flow’s', () => {
    expect(familyFor(SCREEN.trendChart, 'health')).toBe('health');
    expect(familyFor(SCREEN.slotGrid, 'booking')).toBe('booking');
    expect(familyFor(SCREEN.status, 'booking')).toBe('booking');
    expect(familyFor(SCREEN.message, 'health')).toBe('health');
    expect(familyFor(SCREEN.pinEntry, 'login')).toBeUndefined();
    expect(familyFor(SCREEN.pinEntry, 'registration')).toBe('registration');
    expect(familyFor(SCREEN.home, 'session')).toBeUndefined();
  });

  it('loads a family once: its screens and its strings become available', async () => {
    initI18n('ja');
    expect(isLoaded('booking')).toBe(false);
    expect(t('booking.title.facilities')).toBe('booking.title.facilities');
    const first = loadFamily('booking');
    expect(loadFamily('booking')).toBe(first);
    await first;
    expect(isLoaded('booking')).toBe(true);
    expect(lazyScreen('booking', SCREEN.slotGrid)).toBe(bookingFamily.screens[SCREEN.slotGrid]);
    expect(t('booking.title.facilities')).not.toBe('booking.title.facilities');
    // A re-init (language set up again) keeps the strings added since.
    initI18n('en');
    expect(t('booking.title.facilities')).not.toBe('booking.title.facilities');
    initI18n('ja');
  });
});

/** The platform's clock as the box estimates it from the Date header of the platform's answers. */
import { PlatformClock } from './platform-clock';

const HOUR = 3_600_000;
const PLATFORM_NOW = Date.parse('2026-12-07T03:00:00Z');

describe('the platform clock', () => {
  it('a box 9 hours fast (a wrong time zone) is corrected by the first answer', () => {
    let box = PLATFORM_NOW + 9 * HOUR;
    const clock = new PlatformClock(() => box);
    expect(clock.now()).toBe(PLATFORM_NOW + 9 * HOUR); // nothing heard yet: the box's clock
    const sentAt = clock.stamp();
    box += 200; // the answer took 200 ms
    clock.observe(new Date(PLATFORM_NOW + 100).toUTCString(), sentAt);
    expect(Math.abs(clock.now() - (PLATFORM_NOW + 200))).toBeLessThanOrEqual(1_000);
  });

  it('keeps the box clock when the two agree to within the header’s whole seconds', () => {
    const box = PLATFORM_NOW + 1_200;
    const clock = new PlatformClock(() => box);
    clock.observe(new Date(PLATFORM_NOW).toUTCString(), box);
    expect(clock.now()).toBe(box);
  });

  it('ignores a missing or unreadable Date header, keeping what it learned', () => {
    const box = PLATFORM_NOW - 2 * HOUR;
    const clock = new PlatformClock(() => box);
    clock.observe(new Date(PLATFORM_NOW).toUTCString(), box);
    const learned = clock.now();
    clock.observe(null, box);
    clock.observe('yesterday', box);
    expect(clock.now()).toBe(learned);
    expect(Math.abs(learned - PLATFORM_NOW)).toBeLessThanOrEqual(1_000);
  });
});

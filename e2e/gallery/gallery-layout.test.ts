/** @jest-environment jsdom */
/**
 * Every gallery entry (every screen, in every state the gallery shows, with its overlays) in the
 * real shell at every text size (標準, 大, 特大), measured with the real Lightning renderer in
 * jsdom: no text under the body size, cut short ("..", unless a list row opts in: theme/cut-short.ts),
 * out of its box, over another text or outside the safe area. Each problem names the entry, the
 * size and the text. The WPE gallery (`npm run screenshots`) checks the same with real glyphs.
 */
import 'jest-webgl-canvas-mock';
import { setImmediate } from 'node:timers';
import { initI18n } from '../../src/app/i18n/i18n';
import { layoutProblems } from '../../src/app/layout-check/layout';
import { loadFamily } from '../../src/app/screens/families';
import { installMeasureText } from '../../src/app/testing/render';
import { mountShell, sessionWithFakeLogin } from '../../src/app/testing/shell';
import { defaultTheme, setTheme, theme, TEXT_SIZES, type TextSize } from '../../src/app/theme/tokens';
import { atEveryTextSize } from './run-gallery';
import { bookingGallery } from './gallery-booking';
import { inboxGallery } from './gallery-inbox';
import { COMMON_GALLERY, type GalleryEntry } from './gallery-common';
import { MOVING_GALLERY } from './gallery-moving';
import { COMPANION_GALLERY } from './gallery-companion';

// The booking entries come from its machine run on the test model, whose fakes settle with
// setImmediate (Node's; jsdom has none).
Object.assign(globalThis, { setImmediate });

let entries: GalleryEntry[] = [];

beforeAll(async () => {
  entries = atEveryTextSize([
    ...COMMON_GALLERY,
    ...(await bookingGallery()),
    ...(await inboxGallery()),
    ...MOVING_GALLERY,
    ...COMPANION_GALLERY,
  ]);
  await Promise.all(
    (['registration', 'health', 'booking', 'inbox', 'moving', 'companion'] as const).map(loadFamily),
  );
});

/** Each entry of `size` shown in one shell, with the layout problems found on it. */
function problemsAt(size: TextSize): Array<[string, string[]]> {
  installMeasureText();
  initI18n('ja');
  setTheme(defaultTheme);
  const { session } = sessionWithFakeLogin();
  const { app, harness } = mountShell(session);
  harness.stage.drawFrame();
  const found = entries
    .filter((entry) => (entry.textSize ?? 'standard') === size)
    .map((entry): [string, string[]] => {
      app.$closeHelp();
      app.useLanguage(entry.language ?? 'ja');
      app.useTextSize(size);
      app.showFixedView(entry.view);
      if (entry.help) app.$openHelp(entry.helpPage);
      harness.stage.drawFrame();
      harness.stage.drawFrame();
      expect([entry.name, app.screen, theme().type.body]).toEqual([
        entry.name,
        entry.view.main.screen,
        { standard: 40, large: 46, largest: 52 }[size],
      ]);
      return [entry.name, layoutProblems(harness, theme())];
    });
  harness.destroy?.();
  return found;
}

describe('every screen at every text size (jsdom)', () => {
  it('covers each gallery entry at each size', () => {
    const sizes = new Set(entries.map((entry) => entry.textSize ?? 'standard'));
    expect([...sizes].sort()).toEqual([...TEXT_SIZES].sort());
    // Booking has 18 entries (6 of them sending to the phone), the inbox 7.
    expect(entries.length).toBe(
      3 * (COMMON_GALLERY.length + 18 + 7 + MOVING_GALLERY.length + COMPANION_GALLERY.length),
    );
  });

  it.each(TEXT_SIZES)('lays out every screen without problems at %s', (size) => {
    const found = problemsAt(size);
    expect(
      found.flatMap(([name, problems]) => problems.map((problem) => `${name} (${size}): ${problem}`)),
    ).toEqual([]);
  });
});

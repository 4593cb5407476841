/**
 * Every screen of the TV app in WPE WebKit, from the gallery's fixed views at each text size
 * (標準, 大, 特大): the screen named by
 * the view is the one shown, the picture is not blank, and the page's own layout check with the
 * real glyphs finds no text under the body size, cut short (".." where no list row opted in), out
 * of its box, over another text or outside the 96/54 px safe area.
 * The PNGs are left under .tmp/screenshots/ (the same as `npm run screenshots`).
 */
import { decodePng, pixelStats } from '../harness/png';
import { gallery, runGallery, type GalleryShot } from './run-gallery';
import { SCREEN } from '../../src/app/screens/ids';

describe('screen gallery in WPE WebKit', () => {
  let shots: GalleryShot[] = [];
  let expected: Array<{ name: string; screen: string }> = [];

  beforeAll(async () => {
    const entries = await gallery();
    expected = entries.map((entry) => ({ name: entry.name, screen: entry.view.main.screen }));
    shots = await runGallery(entries);
  }, 720_000);

  it('renders every registered screen at least once', () => {
    const screens = new Set(expected.map((entry) => entry.screen));
    for (const name of Object.values(SCREEN)) {
      expect([name, screens.has(name)]).toEqual([name, true]);
    }
    expect(shots).toHaveLength(expected.length);
  });

  it('shows the screen each view names, as a real picture', () => {
    for (const [i, shot] of shots.entries()) {
      const image = decodePng(shot.png);
      const { variance, distinctColors } = pixelStats(image);
      expect([shot.name, shot.screen, image.width, image.height]).toEqual([
        shot.name,
        expected[i]?.screen,
        1920,
        1080,
      ]);
      expect([shot.name, variance > 100, distinctColors > 8]).toEqual([shot.name, true, true]);
    }
  });

  it('keeps every text whole, at body size or larger and inside the safe area (real glyphs)', () => {
    expect(
      shots.flatMap((shot) =>
        shot.layoutProblems.map((problem) => `${shot.name} (${shot.textSize}): ${problem}`),
      ),
    ).toEqual([]);
  });
});

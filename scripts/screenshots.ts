// `npm run screenshots`: every screen of the TV app (e2e/gallery) rendered in WPE WebKit (cog
// headless via WPEWebDriver) and saved as PNG under .tmp/screenshots/ (git-ignored), with the paths
// and any layout problem the page measured with the real glyphs. Words after `--` keep only the
// screens whose names contain one of them: `npm run screenshots -- sign-password @largest`.
import { relative } from 'node:path';
import { decodePng, pixelStats } from '../e2e/harness/png';
import { ROOT } from '../e2e/harness/screens';
import { gallery, runGallery } from '../e2e/gallery/run-gallery';

const main = async () => {
  const words = process.argv.slice(2);
  const entries = (await gallery()).filter(
    (entry) => words.length === 0 || words.some((word) => entry.name.includes(word)),
  );
  if (entries.length === 0) throw new Error(`no screen's name contains ${words.join(' or ')}`);
  const shots = await runGallery(entries);
  let problems = 0;
  for (const shot of shots) {
    const image = decodePng(shot.png);
    const { variance } = pixelStats(image);
    console.log(
      `${relative(ROOT, shot.file)}  ${image.width}×${image.height}, luma variance ${variance.toFixed(0)}`,
    );
    for (const problem of shot.layoutProblems) console.log(`  ! (${shot.textSize}) ${problem}`);
    problems += shot.layoutProblems.length;
  }
  console.log(`${shots.length} screens, ${problems} layout problems`);
  if (problems > 0) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

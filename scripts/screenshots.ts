// `npm run screenshots`: every screen of the TV app (e2e/gallery) rendered in WPE WebKit (cog
// headless via WPEWebDriver) and saved as PNG under .tmp/screenshots/ (git-ignored), with the paths
// and any layout problem the page measured with the real glyphs.
import { relative } from 'node:path';
import { decodePng, pixelStats } from '../e2e/harness/png';
import { ROOT } from '../e2e/harness/screens';
import { runGallery } from '../e2e/gallery/run-gallery';

const main = async () => {
  const shots = await runGallery();
  let problems = 0;
  for (const shot of shots) {
    const image = decodePng(shot.png);
    const { variance } = pixelStats(image);
    console.log(
      `${relative(ROOT, shot.file)}  ${image.width}×${image.height}, luma variance ${variance.toFixed(0)}`,
    );
    for (const problem of shot.layoutProblems) console.log(`  ! ${problem}`);
    problems += shot.layoutProblems.length;
  }
  console.log(`${shots.length} screens, ${problems} layout problems`);
  if (problems > 0) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

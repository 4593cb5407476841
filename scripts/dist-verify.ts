/**
 * `npm run dist:verify -- dist/NAME/VERSION [...]`: checks packages made by `npm run dist` — every
 * file's SHA-256 against manifest.json, no missing or extra file, settings.json readable by the app
 * and the Content-Security-Policy in index.html matching it. Exit code 0 = all OK, 1 = a problem.
 */
import { checkEachArgument } from '../config/check-each-argument';
import { verifyPackage } from './app-package';

checkEachArgument({
  usage: 'npm run dist:verify -- dist/NAME/VERSION [...]',
  failureExitCode: 1,
  check: (dir) => {
    const { ok, problems, manifest } = verifyPackage(dir);
    if (ok) {
      const count = Object.keys(manifest!.files).length;
      console.log(
        `OK ${dir}: ${manifest!.operator} ${manifest!.version} (stb-spec ${manifest!.specVersion}), ` +
          `${count} ファイルを確認しました / ${count} files verified`,
      );
    } else {
      console.error(`パッケージに問題があります / package check failed: ${dir}`);
      for (const line of problems) console.error(`  - ${line}`);
    }
    return ok;
  },
});

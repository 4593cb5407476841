// `npm run build`: bundles the TV app (src/app/index.ts) for the STB browser baseline, WPE WebKit
// 2.28 (≈ Safari 13.1), into dist/app/, and prints the initial JS size raw and gzip.
//   --test-hook   exposes window.__madoguchi for the e2e harness (never in the shipped build)
//   --platform=stb|keyboard   which key map (default stb; both keep the keyboard codes)
//   --out=DIR     output folder (default dist/app)
// Two passes: esbuild bundles and lowers to ES2019 (optional chaining, ??, class fields, …), but it
// refuses to lower destructuring for Safari 13 (it marks JSC's destructuring as buggy before Safari
// 14.1), so swc (@swc/core, env target Safari 13) lowers the bundle for WebKit 2.28 and minifies it.
// The result is parsed by acorn as ES2019 and scanned for regex lookbehind, which WebKit lacks before
// 16.4 and no compiler lowers, so a newer construct fails the build instead of the box.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const esbuild = require('esbuild');
const swc = require('@swc/core');
const acorn = require('acorn');

const root = path.resolve(__dirname, '..');
const arg = (name, fallback) => {
  const found = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!found) return fallback;
  return found.includes('=') ? found.slice(found.indexOf('=') + 1) : true;
};
const outDir = path.resolve(root, arg('out', 'dist/app'));
const testHook = arg('test-hook', false) === true;
const platform = arg('platform', 'stb');
if (!['stb', 'keyboard'].includes(platform)) throw new Error(`unknown --platform ${platform}`);

/** The syntax baseline: WPE WebKit 2.28's JavaScriptCore (Safari 13.1); ES2019 for esbuild. */
const ESBUILD_TARGET = 'es2019';
const SWC_TARGETS = { safari: '13' };

const html = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>窓口 madoguchi</title>
<style>html,body{margin:0;padding:0;overflow:hidden;background:#000}canvas{display:block}</style>
</head>
<body>
<script src="app.js"></script>
</body>
</html>
`;

const checkBaseline = (code) => {
  acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script' });
  const lookbehind = code.search(/\(\?<[=!]/);
  if (lookbehind >= 0) {
    throw new Error(`regex lookbehind at ${lookbehind}: ${code.slice(lookbehind - 40, lookbehind + 40)}`);
  }
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/app/index.ts')],
    bundle: true,
    format: 'iife',
    target: ESBUILD_TARGET,
    supported: { destructuring: true },
    minify: false,
    legalComments: 'none',
    write: false,
    outfile: path.join(outDir, 'app.js'),
    define: {
      __MADOGUCHI_TEST_HOOK__: String(testHook),
      __MADOGUCHI_PLATFORM__: JSON.stringify(platform),
      'process.env.NODE_ENV': '"production"',
    },
    logLevel: 'warning',
    metafile: true,
  });
  const bundled = result.outputFiles[0].text;
  const { code } = await swc.transform(bundled, {
    filename: 'app.js',
    isModule: false,
    env: { targets: SWC_TARGETS },
    jsc: { minify: { compress: true, mangle: true }, externalHelpers: false },
    minify: true,
  });
  checkBaseline(code);
  fs.writeFileSync(path.join(outDir, 'app.js'), code);
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  fs.mkdirSync(path.join(outDir, 'static'), { recursive: true });

  const raw = Buffer.byteLength(code);
  const gzip = zlib.gzipSync(code, { level: 9 }).length;
  const inputs = Object.entries(
    result.metafile.outputs[path.relative(process.cwd(), path.join(outDir, 'app.js'))]?.inputs ?? {},
  );
  const share = (match) =>
    inputs
      .filter(([file]) => match.test(file))
      .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
  console.log(
    `built ${path.relative(root, outDir)}/ in ${Date.now() - started} ms (${ESBUILD_TARGET} via esbuild, Safari ${SWC_TARGETS.safari} via swc${testHook ? ', test hook' : ''})`,
  );
  console.log(`initial JS app.js: ${kb(raw)} raw, ${kb(gzip)} gzip`);
  console.log(
    `  of which (before minifying): @lightningjs/core ${kb(share(/@lightningjs[\\/]core/))}, ` +
      `@lightningjs/sdk + deps ${kb(share(/node_modules/) - share(/@lightningjs[\\/]core/) - share(/xstate/))}, ` +
      `xstate ${kb(share(/xstate/))}, src ${kb(share(/^src[\\/]/))}`,
  );
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});

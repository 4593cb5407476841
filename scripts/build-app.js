// `npm run build`: bundles the TV app (src/app/index.ts) for the STB browser baseline, WPE WebKit
// 2.28 (≈ Safari 13.1), into dist/app/{index.html, app.css, app.js, settings.json, static/}, and
// prints the initial JS size raw and gzip.
//   --test-hook        exposes window.__madoguchi for the e2e harness (never in the shipped build)
//   --platform=stb|keyboard   which key map (default stb; both keep the keyboard codes)
//   --out=DIR          output folder (default dist/app)
//   --settings=FILE    an AppSettings JSON (src/app/settings/settings.ts) copied as settings.json;
//                      default: local development (DEFAULT_SETTINGS: platform simulator on
//                      http://127.0.0.1:8787, bridge ws://127.0.0.1:9930/jsonrpc, default theme)
//   --csp              also put the package's Content-Security-Policy (from the settings, as
//                      `npm run dist` does) into index.html
// Operator packages are made by `npm run dist` (scripts/dist.ts), which calls buildApp() below.
// The page has no inline script or style (app.css), so the CSP needs no 'unsafe-inline'.
// Two passes: esbuild bundles and lowers to ES2019 (optional chaining, ??, class fields, …), but it
// refuses to lower destructuring for Safari 13 (it marks JSC's destructuring as buggy before Safari
// 14.1), so swc (@swc/core, env target Safari 13) lowers the bundle for WebKit 2.28 and minifies it.
// The result is parsed by acorn as ES2019 and scanned for regex lookbehind, which WebKit lacks before
// 16.4 and no compiler lowers, so a newer construct fails the build instead of the box.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const zlib = require('node:zlib');
const esbuild = require('esbuild');
const swc = require('@swc/core');
const acorn = require('acorn');

const root = path.resolve(__dirname, '..');

/** The syntax baseline: WPE WebKit 2.28's JavaScriptCore (Safari 13.1); ES2019 for esbuild. */
const ESBUILD_TARGET = 'es2019';
const SWC_TARGETS = { safari: '13' };

/** The page's only style, served as app.css (no inline style, so no 'unsafe-inline' in the CSP). */
const CSS = 'html,body{margin:0;padding:0;overflow:hidden;background:#000}canvas{display:block}\n';

const escapeAttribute = (text) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** index.html; the CSP meta comes first in <head> so it governs everything the page loads. */
const pageHtml = (csp) => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">\n` : ''}<title>窓口 madoguchi</title>
<link rel="stylesheet" href="app.css">
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

/**
 * Builds the app into `outDir` (emptied first): index.html, app.css, app.js, settings.json (the
 * given AppSettings object as 2-space JSON) and an empty static/.
 * Deterministic: the output depends only on the sources and the options (no timestamps, no paths).
 * Returns the numbers for the size report.
 */
async function buildApp({ outDir, testHook = false, platform = 'stb', settings, csp }) {
  if (!['stb', 'keyboard'].includes(platform)) throw new Error(`unknown --platform ${platform}`);
  if (!settings) throw new Error('buildApp: settings missing');
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
    absWorkingDir: root,
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
  fs.writeFileSync(path.join(outDir, 'app.css'), CSS);
  fs.writeFileSync(path.join(outDir, 'index.html'), pageHtml(csp));
  fs.writeFileSync(path.join(outDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  fs.mkdirSync(path.join(outDir, 'static'), { recursive: true });

  const outputKey = path.relative(root, path.join(outDir, 'app.js')).split(path.sep).join('/');
  const inputs = Object.entries(result.metafile.outputs[outputKey]?.inputs ?? {});
  const share = (match) =>
    inputs
      .filter(([file]) => match.test(file))
      .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
  return {
    ms: Date.now() - started,
    raw: Buffer.byteLength(code),
    gzip: zlib.gzipSync(code, { level: 9 }).length,
    core: share(/@lightningjs[\\/]core/),
    deps: share(/node_modules/) - share(/@lightningjs[\\/]core/) - share(/xstate/),
    xstate: share(/xstate/),
    src: share(/^src[\\/]/),
  };
}

/** Prints the size report of one build. */
function reportBuild(outDir, stats, testHook) {
  console.log(
    `built ${path.relative(root, outDir)}/ in ${stats.ms} ms (${ESBUILD_TARGET} via esbuild, Safari ${SWC_TARGETS.safari} via swc${testHook ? ', test hook' : ''})`,
  );
  console.log(`initial JS app.js: ${kb(stats.raw)} raw, ${kb(stats.gzip)} gzip`);
  console.log(
    `  of which (before minifying): @lightningjs/core ${kb(stats.core)}, ` +
      `@lightningjs/sdk + deps ${kb(stats.deps)}, xstate ${kb(stats.xstate)}, src ${kb(stats.src)}`,
  );
}

/** DEFAULT_SETTINGS, parseSettings and contentSecurityPolicy from their TypeScript sources. */
function loadTsHelpers() {
  const { outputFiles } = esbuild.buildSync({
    stdin: {
      contents:
        "export { DEFAULT_SETTINGS, parseSettings } from './src/app/settings/settings';\n" +
        "export { contentSecurityPolicy } from './config/app-csp';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'build-app-helpers.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const helpers = new Module(path.join(root, 'build-app-helpers.js'));
  helpers.paths = Module._nodeModulePaths(root);
  helpers._compile(outputFiles[0].text, path.join(root, 'build-app-helpers.js'));
  return helpers.exports;
}

async function main() {
  const arg = (name, fallback) => {
    const found = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (!found) return fallback;
    return found.includes('=') ? found.slice(found.indexOf('=') + 1) : true;
  };
  const outDir = path.resolve(root, arg('out', 'dist/app'));
  const testHook = arg('test-hook', false) === true;
  const platform = arg('platform', 'stb');
  const settingsFile = arg('settings', undefined);
  const { DEFAULT_SETTINGS, parseSettings, contentSecurityPolicy } = loadTsHelpers();
  let settings = DEFAULT_SETTINGS;
  if (settingsFile !== undefined) {
    if (settingsFile === true) throw new Error('--settings=FILE: file name missing');
    const text = fs.readFileSync(path.resolve(settingsFile), 'utf8');
    settings = parseSettings(JSON.parse(text));
  }
  const csp = arg('csp', false) === true ? contentSecurityPolicy(settings) : undefined;
  const stats = await buildApp({ outDir, testHook, platform, settings, csp });
  reportBuild(outDir, stats, testHook);
}

module.exports = { buildApp, reportBuild, ESBUILD_TARGET, SWC_TARGETS };

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}

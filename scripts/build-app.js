// `npm run build`: bundles the TV app (src/app/index.ts) for the STB browser baseline, WPE WebKit
// 2.28 (≈ Safari 13.1), into dist/app/{index.html, app-<hash>.css, app-<hash>.js, chunk-*.js,
// settings.json, static/}, and prints the initial JS size (the entry and the chunks it imports
// statically) and the lazily loaded rest, raw and gzip. Every style and script is named by its
// content, so a cache never serves one version's module to another version's page.
// ES modules with code splitting: app-<hash>.js is the entry (<script type="module">); the screen
// families needed only after login (src/app/screens/families.ts) are dynamic import()s, so their code
// is in chunks loaded on demand (or in the background after the first frame). WebKit has had modules
// and dynamic import since Safari 11.1. The chunks the entry imports statically get their own
// <script type="module"> tags before it, so the browser fetches them in parallel with the entry
// instead of after parsing it (no <link rel=modulepreload> before Safari 17).
//   --test-hook        exposes window.__madoguchi for the e2e harness (never in the shipped build)
//   --out=DIR          output folder (default dist/app)
//   --settings=FILE    an AppSettings JSON (src/app/settings/settings.ts) copied as settings.json;
//                      default: local development (DEFAULT_SETTINGS: platform simulator on
//                      http://127.0.0.1:8787, bridge ws://127.0.0.1:9930/jsonrpc, default theme)
//   --csp              also put the package's Content-Security-Policy (from the settings, as
//                      `npm run dist` does) into index.html
//   --inputs[=N]       also list the N (default 30) biggest modules of the initial JS (esbuild's
//                      metafile, bytes before minifying): what to look at first to make it smaller
// Operator packages are made by `npm run dist` (scripts/dist.ts), which calls buildApp() below.
// The page has no inline script or style, so the CSP needs no 'unsafe-inline'.
// Two passes: esbuild bundles and lowers to ES2019 (optional chaining, ??, class fields, …), but it
// refuses to lower destructuring for Safari 13 (it marks JSC's destructuring as buggy before Safari
// 14.1), so swc (@swc/core, env target Safari 13) lowers each output file for WebKit 2.28 and
// minifies it. Each result is parsed by acorn as an ES2019 module (plus dynamic import(), which is
// ES2020 to acorn, so the syntax newer than ES2019 is rejected by walking the tree) and scanned for
// regex lookbehind, which WebKit lacks before 16.4 and no compiler lowers, so a newer construct fails
// the build instead of the box.
const crypto = require('node:crypto');
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

/** The page's only style, its own file (no inline style, so no 'unsafe-inline' in the CSP). */
const CSS = 'html,body{margin:0;padding:0;overflow:hidden;background:#000}canvas{display:block}\n';

const escapeAttribute = (text) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** index.html; the CSP meta comes first in <head> so it governs everything the page loads. */
// No <link rel="preload" as="fetch"> for settings.json: WPE (2.38 here) never hands a fetch() the
// preloaded response, whatever its cache mode, so it only doubled the request (measured); the first
// module requests it instead (src/app/settings/prefetch.ts).
const pageHtml = ({ csp, styleFile, entryFile, staticChunks }) => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">\n` : ''}<title>窓口 madoguchi</title>
<link rel="stylesheet" href="${styleFile}">
${[...staticChunks, entryFile].map((file) => `<script type="module" src="${file}"></script>\n`).join('')}</head>
<body>
</body>
</html>
`;

/** Syntax acorn accepts at ES2020 but WebKit 2.28 / our ES2019 baseline does not (import() is fine). */
const newerThanBaseline = (node) =>
  node.type === 'ChainExpression' ||
  node.type === 'ImportMeta' ||
  (node.type === 'LogicalExpression' && node.operator === '??') ||
  (node.type === 'Literal' && typeof node.bigint === 'string') ||
  (node.type === 'ExportAllDeclaration' && node.exported);

const checkBaseline = (code, file) => {
  const tree = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'module' });
  const pending = [tree];
  while (pending.length) {
    const node = pending.pop();
    if (newerThanBaseline(node)) {
      throw new Error(
        `${file}: ${node.type} at ${node.start} is newer than ES2019: ${code.slice(node.start, node.start + 60)}`,
      );
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value))
        pending.push(...value.filter((item) => item && typeof item.type === 'string'));
      else if (value && typeof value.type === 'string') pending.push(value);
    }
  }
  const lookbehind = code.search(/\(\?<[=!]/);
  if (lookbehind >= 0) {
    throw new Error(
      `${file}: regex lookbehind at ${lookbehind}: ${code.slice(lookbehind - 40, lookbehind + 40)}`,
    );
  }
};

/** app-<hash>.css: named by its content, like every script, so a cache never mixes two versions. */
const STYLE_FILE = `app-${crypto.createHash('sha256').update(CSS).digest('hex').slice(0, 8)}.css`;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The files `entry` (an output path of the metafile) imports statically, transitively: what the
 * browser must load before the app starts. Dynamic import()s are left out (loaded on demand).
 */
function staticImports(outputs, entry) {
  const seen = new Set();
  const visit = (file) => {
    for (const { path: imported, kind } of outputs[file]?.imports ?? []) {
      if (kind !== 'import-statement' || seen.has(imported)) continue;
      seen.add(imported);
      visit(imported);
    }
  };
  visit(entry);
  return [...seen];
}

const sizeOf = (codes) => ({
  raw: codes.reduce((sum, code) => sum + Buffer.byteLength(code), 0),
  // Each file is its own response, so each is gzipped on its own.
  gzip: codes.reduce((sum, code) => sum + zlib.gzipSync(code, { level: 9 }).length, 0),
});

/**
 * Builds the app into `outDir` (emptied first): index.html, app-<hash>.css, app-<hash>.js and its chunk-*.js,
 * settings.json (the given AppSettings object as 2-space JSON) and an empty static/. `entry`
 * (relative to the repo) bundles another app with the same pipeline: the app bench's bare app.
 * Deterministic: the output depends only on the sources and the options (no timestamps, no paths;
 * chunk names are esbuild's content hashes).
 * Returns the numbers for the size report: `raw`/`gzip` are the initial JS (the entry and the chunks it
 * imports statically), `lazy` the chunks loaded on demand.
 */
async function buildApp({ outDir, testHook = false, settings, csp, entry = 'src/app/index.ts' }) {
  if (!settings) throw new Error('buildApp: settings missing');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: { app: path.resolve(root, entry) },
    bundle: true,
    format: 'esm',
    splitting: true,
    target: ESBUILD_TARGET,
    supported: { destructuring: true },
    minify: false,
    legalComments: 'none',
    write: false,
    absWorkingDir: root,
    outdir: outDir,
    // Content-hashed names: a box's cache can never serve one version's module to another's page.
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    define: {
      __MADOGUCHI_TEST_HOOK__: String(testHook),
      'process.env.NODE_ENV': '"production"',
    },
    logLevel: 'warning',
    metafile: true,
  });
  const outputKey = (file) => path.relative(root, path.join(outDir, file)).split(path.sep).join('/');
  const codes = {};
  for (const output of result.outputFiles) {
    const file = path.basename(output.path);
    const { code } = await swc.transform(output.text, {
      filename: file,
      isModule: true,
      env: { targets: SWC_TARGETS },
      jsc: {
        minify: { compress: { toplevel: true }, mangle: { topLevel: true }, module: true },
        externalHelpers: false,
      },
      minify: true,
    });
    checkBaseline(code, file);
    fs.writeFileSync(path.join(outDir, file), code);
    codes[file] = code;
  }
  const outputs = result.metafile.outputs;
  // Chunks loaded with import() are entry points of their own in the metafile: find the app's.
  const entryPoint = path.relative(root, path.resolve(root, entry)).split(path.sep).join('/');
  const entryKey = Object.keys(outputs).find((key) => outputs[key].entryPoint === entryPoint);
  const entryFile = path.basename(entryKey);
  const initialFiles = [entryFile, ...staticImports(outputs, entryKey).map((key) => path.basename(key))];
  const lazyFiles = Object.keys(codes)
    .filter((file) => !initialFiles.includes(file))
    .sort();
  fs.writeFileSync(path.join(outDir, STYLE_FILE), CSS);
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    pageHtml({ csp, styleFile: STYLE_FILE, entryFile, staticChunks: initialFiles.slice(1) }),
  );
  fs.writeFileSync(path.join(outDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  fs.mkdirSync(path.join(outDir, 'static'), { recursive: true });

  const inputs = initialFiles.flatMap((file) => Object.entries(outputs[outputKey(file)]?.inputs ?? {}));
  const share = (match) =>
    inputs
      .filter(([file]) => match.test(file))
      .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
  const initial = sizeOf(initialFiles.map((file) => codes[file]));
  const biggest = inputs
    .map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    biggest,
    ms: Date.now() - started,
    ...initial,
    initialFiles,
    lazy: { files: lazyFiles, ...sizeOf(lazyFiles.map((file) => codes[file])) },
    core: share(/@lightningjs[\\/]core/),
    deps: share(/node_modules/) - share(/@lightningjs[\\/]core/) - share(/xstate/),
    xstate: share(/xstate/),
    src: share(/^src[\\/]/),
  };
}

/** Prints the size report of one build; `inputs`: how many of the initial JS's biggest modules to list. */
function reportBuild(outDir, stats, testHook, inputs = 0) {
  console.log(
    `built ${path.relative(root, outDir)}/ in ${stats.ms} ms (${ESBUILD_TARGET} via esbuild, Safari ${SWC_TARGETS.safari} via swc${testHook ? ', test hook' : ''})`,
  );
  console.log(`initial JS ${stats.initialFiles.join(' + ')}: ${kb(stats.raw)} raw, ${kb(stats.gzip)} gzip`);
  console.log(
    `  of which (before minifying): @lightningjs/core ${kb(stats.core)}, ` +
      `@lightningjs/sdk + deps ${kb(stats.deps)}, xstate ${kb(stats.xstate)}, src ${kb(stats.src)}`,
  );
  console.log(
    `loaded later (${stats.lazy.files.length} chunks): ${kb(stats.lazy.raw)} raw, ${kb(stats.lazy.gzip)} gzip`,
  );
  if (inputs > 0) console.log(`the initial JS's ${inputs} biggest modules (before minifying):`);
  for (const { file, bytes } of stats.biggest.slice(0, inputs)) {
    console.log(`  ${kb(bytes).padStart(9)}  ${file}`);
  }
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
  const settingsFile = arg('settings', undefined);
  const { DEFAULT_SETTINGS, parseSettings, contentSecurityPolicy } = loadTsHelpers();
  let settings = DEFAULT_SETTINGS;
  if (settingsFile !== undefined) {
    if (settingsFile === true) throw new Error('--settings=FILE: file name missing');
    const text = fs.readFileSync(path.resolve(settingsFile), 'utf8');
    settings = parseSettings(JSON.parse(text));
  }
  const csp = arg('csp', false) === true ? contentSecurityPolicy(settings) : undefined;
  const inputs = arg('inputs', false);
  const stats = await buildApp({ outDir, testHook, settings, csp });
  reportBuild(outDir, stats, testHook, inputs === true ? 30 : Number(inputs || 0));
}

module.exports = { buildApp, reportBuild, ESBUILD_TARGET, SWC_TARGETS };

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}

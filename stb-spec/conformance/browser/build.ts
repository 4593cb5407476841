/**
 * Builds the conformance kit's browser version into a static folder (index.html, kit.css, kit.js):
 *
 *   npm run conformance:browser -- [--out DIR]      (default .tmp/kit-browser)
 *
 * The cases, the runner, the card stage and the client are the Node kit's own files (the cases are
 * taken from cases/index.ts as they are); only what Node has and a page lacks is swapped: `ws` for
 * the browser's WebSocket, node:crypto for synchronous SHA-2, RSA and X.509 (shims/), and the raw
 * HTTP checks for "Node build only". The syntax is lowered for WPE WebKit 2.38 (Safari 16).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';

const HERE = __dirname;
const KIT = path.resolve(HERE, '..');
const ROOT = path.resolve(KIT, '../..');
export const DEFAULT_BROWSER_KIT_DIR = path.join(ROOT, '.tmp', 'kit-browser');

const SHIMS: Record<string, string> = {
  'node:crypto': 'shims/crypto.ts',
  crypto: 'shims/crypto.ts',
  'node:http': 'shims/http.ts',
  'node:async_hooks': 'shims/async-hooks.ts',
  'node:fs': 'shims/fs.ts',
  ws: 'shims/ws.ts',
};

/** Node modules → shims; the kit's client.ts and upgrade.ts → their browser versions. */
const browserParts: Plugin = {
  name: 'conformance-browser-parts',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?[a-z_]+$/ }, (args) => {
      const shim = SHIMS[args.path];
      return shim ? { path: path.join(HERE, shim) } : undefined;
    });
    builder.onResolve({ filter: /(^|\/)(client|upgrade)$/ }, (args) => {
      if (!args.path.startsWith('.')) return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      const browserClient = path.join(HERE, 'client.ts');
      if (target === path.join(KIT, 'client') && args.importer !== browserClient)
        return { path: browserClient };
      if (target === path.join(KIT, 'upgrade')) return { path: path.join(HERE, 'shims/upgrade.ts') };
      return undefined;
    });
  },
};

export async function buildBrowserKit(outDir: string = DEFAULT_BROWSER_KIT_DIR): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(HERE, 'main.ts')],
    outfile: path.join(outDir, 'kit.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    inject: [path.join(HERE, 'shims/buffer-global.ts')],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [browserParts],
  });
  for (const file of ['index.html', 'kit.css']) copyFileSync(path.join(HERE, file), path.join(outDir, file));
  return outDir;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? DEFAULT_BROWSER_KIT_DIR);
  buildBrowserKit(out).then(
    (dir) => console.log(`browser kit: ${dir}/index.html — open it at an origin on the bridge's allow-list`),
    (error: Error) => {
      console.error(`conformance:browser: ${error.message}`);
      process.exit(1);
    },
  );
}

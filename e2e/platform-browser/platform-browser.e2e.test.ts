/**
 * The platform simulator runs in the STB's browser engine too (the demo's third face, beside jest and
 * real HTTP): in WPE WebKit, msw's service worker answers the page's fetch calls to the platform.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadOrCreateTestPki } from '../../mocks/pki';
import { serveStatic, type StaticServer } from '../harness/static-server';
import { startWpe, type Driver } from '../harness/wpe';

let site: string;
let server: StaticServer;
let wpe: Driver;

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'madoguchi-platform-browser-'));
  const pkiDir = join(site, 'pki');
  await loadOrCreateTestPki(pkiDir);
  const anchors = readdirSync(pkiDir)
    .filter((name) => /^auth-root-\d+\.pem$/.test(name))
    .map((name) => readFileSync(join(pkiDir, name), 'utf8').replace(/-----[^-]+-----|\s/g, ''));
  await build({
    entryPoints: [join(__dirname, 'page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: join(site, 'page.js'),
    logLevel: 'error',
  });
  copyFileSync(require.resolve('msw/mockServiceWorker.js'), join(site, 'mockServiceWorker.js'));
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><meta charset="utf-8"><script>window.__anchors=${JSON.stringify(anchors)}</script>` +
      '<script src="page.js"></script>',
  );
  server = await serveStatic(site);
  wpe = await startWpe();
}, 60_000);

afterAll(async () => {
  await wpe?.quit();
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

it('answers the page from a service worker: a login challenge, and 401 problem+json without a token', async () => {
  await wpe.session.navigate(`${server.url.replace(/\/$/, '')}/index.html`);
  let result: unknown;
  for (let tries = 0; tries < 200 && !result; tries++) {
    result = await wpe.session.execute<unknown>('return window.__platformResult || null');
    if (!result) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(result).toMatchObject({
    challenge: {
      status: 201,
      body: { purpose: 'login', challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    },
    facilities: {
      status: 401,
      type: expect.stringContaining('application/problem+json'),
      body: { code: 'TOKEN_INVALID' },
    },
  });
});

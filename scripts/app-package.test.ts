/**
 * `npm run dist` / `npm run dist:verify` end to end on both example operators: real builds of the
 * app (about a second each) into a temporary folder.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript } from './script-runner';
import { parseSettings } from '../src/app/settings/settings';
import { SPEC_VERSION } from '../stb-spec/protocol/names';
import {
  appVersion,
  buildDist,
  cspOfPage,
  releaseOf,
  specVersion,
  verifyPackage,
  type DistResult,
} from './app-package';

const REPO = path.resolve(__dirname, '..');
const OPERATORS = path.join(REPO, 'config/operators');

let work: string;
const built: Record<string, DistResult> = {};

/** A copy of a built package to break. */
function copyOf(id: string): string {
  const dir = mkdtempSync(path.join(work, `${id}-`));
  cpSync(built[id]!.dir, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-dist-'));
  for (const id of ['madoguchi-cable-tokyo', 'minato-catv']) {
    built[id] = await buildDist({ operatorFile: path.join(OPERATORS, `${id}.json`), outRoot: work });
  }
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run dist', () => {
  it.each(['madoguchi-cable-tokyo', 'minato-catv'])(
    '%s: dist/<id>/<version>-<hash>/ with every file in the manifest',
    (id) => {
      const { dir, manifest } = built[id]!;
      expect(manifest.release).toMatch(new RegExp(`^${appVersion().replace(/\./g, '\\.')}-[0-9a-f]{12}$`));
      expect(dir).toBe(path.join(work, id, manifest.release));
      expect(manifest).toMatchObject({
        name: 'madoguchi',
        operator: id,
        version: appVersion(),
        // The head of spec.md and the protocol's constant (answered by getInfo) say the same.
        specVersion: SPEC_VERSION,
      });
      const files = Object.keys(manifest.files);
      // Scripts and styles are named by their content: a cache cannot mix two releases.
      expect(files.filter((file) => !/^chunk-[A-Z0-9]+\.js$/.test(file))).toEqual([
        expect.stringMatching(/^app-[A-Z0-9]{8}\.js$/),
        expect.stringMatching(/^app-[0-9a-f]{8}\.css$/),
        'index.html',
        'settings.json',
        'static/logo.svg',
      ]);
      // The health and booking screens are chunks of their own, loaded on demand.
      expect(files.filter((file) => file.startsWith('chunk-')).length).toBeGreaterThanOrEqual(2);
      expect(manifest.testHook).toBeUndefined();
      const text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
      expect(JSON.parse(text)).toEqual(manifest);
      expect(text).not.toMatch(/20[0-9]{2}-[0-9]{2}-[0-9]{2}T|tmp|madoguchi-dist-/);
      expect(readFileSync(path.join(dir, 'static/logo.svg'))).toEqual(
        readFileSync(path.join(OPERATORS, `logos/${id}.svg`)),
      );
      expect(verifyPackage(dir)).toMatchObject({ ok: true, problems: [] });
    },
  );

  it('takes the spec version from stb-spec/spec.md', () => {
    expect(readFileSync(path.join(REPO, 'stb-spec/spec.md'), 'utf8')).toContain(
      `**Version ${specVersion()} `,
    );
  });

  it('writes the operator settings, which the app accepts', () => {
    const settings = parseSettings(
      JSON.parse(readFileSync(path.join(built['minato-catv']!.dir, 'settings.json'), 'utf8')),
    );
    expect(settings.operator.id).toBe('minato-catv');
    expect(settings.bridge).toEqual({
      url: 'ws://127.0.0.1:9930/jsonrpc',
      token: 'demo-token-not-secret-0123456789',
    });
    expect(settings.theme.logo).toBe('static/logo.svg');
  });

  it('puts the CSP first in <head>: the package, the platform origin and the bridge only', () => {
    const page = (id: string) => readFileSync(path.join(built[id]!.dir, 'index.html'), 'utf8');
    expect(cspOfPage(page('madoguchi-cable-tokyo'))).toBe(
      "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self'; img-src 'self'; " +
        "connect-src 'self' https://platform.madoguchi-cable-tokyo.example ws://127.0.0.1:9930 http://127.0.0.1:9930 ws://127.0.0.1:9998 ws://127.0.0.1:3474; " +
        "base-uri 'none'; form-action 'none'",
    );
    expect(cspOfPage(page('minato-catv'))).toContain(
      "connect-src 'self' http://127.0.0.1:8787 ws://127.0.0.1:9930 http://127.0.0.1:9930 ws://127.0.0.1:9998 ws://127.0.0.1:3474;",
    );
    for (const id of Object.keys(built)) {
      const html = page(id);
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<link'));
      expect(html).not.toMatch(/<style|<script>|\sstyle=|\son[a-z]+=/i);
      expect(html).toMatch(/<link rel="stylesheet" href="app-[0-9a-f]{8}\.css">/);
    }
  });

  it('ships no test hook', () => {
    const { dir, manifest } = built['minato-catv']!;
    for (const file of Object.keys(manifest.files).filter((name) => name.endsWith('.js'))) {
      expect([file, readFileSync(path.join(dir, file), 'utf8').includes('__madoguchi')]).toEqual([
        file,
        false,
      ]);
    }
  });

  it('loads its entry module as a module, with the chunks it imports statically', () => {
    const { dir } = built['minato-catv']!;
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(scripts.at(-1)).toMatch(/^app-[A-Z0-9]{8}\.js$/);
    // One shared chunk: code the lazy families share goes there (src/app/screens/family-shared.ts),
    // not into small chunks that each cost the first start a request.
    expect(scripts).toHaveLength(2);
    const app = readFileSync(path.join(dir, scripts.at(-1)!), 'utf8');
    for (const chunk of scripts.slice(0, -1)) expect(app).toContain(`"./${chunk}"`);
    // The features loaded on demand are declared in the shared chunk, which holds their import().
    const shared = readFileSync(path.join(dir, scripts[0]!), 'utf8');
    expect(shared).toMatch(/import\("\.\/chunk-[A-Z0-9]+\.js"\)/);
  });

  it('is reproducible: a second build gives a byte-identical manifest', async () => {
    const again = await buildDist({
      operatorFile: path.join(OPERATORS, 'minato-catv.json'),
      outRoot: path.join(work, 'again'),
    });
    const manifest = (dir: string) => readFileSync(path.join(dir, 'manifest.json'));
    expect(manifest(again.dir).equals(manifest(built['minato-catv']!.dir))).toBe(true);
  });

  it('a configuration-only change is a new release beside the old one, which stays as it was', async () => {
    const outRoot = path.join(work, 'releases');
    const first = await buildDist({ operatorFile: path.join(OPERATORS, 'minato-catv.json'), outRoot });
    // The same operator with another support phone number (a copy beside its logo).
    const operators = mkdtempSync(path.join(work, 'operators-'));
    cpSync(OPERATORS, operators, { recursive: true });
    const changedFile = path.join(operators, 'minato-catv.json');
    const config = JSON.parse(readFileSync(changedFile, 'utf8'));
    config.support.phone = '03-0000-0000';
    writeFileSync(changedFile, JSON.stringify(config));
    const second = await buildDist({ operatorFile: changedFile, outRoot });
    expect(second.manifest.version).toBe(first.manifest.version);
    expect(second.manifest.release).not.toBe(first.manifest.release);
    expect(readdirSync(path.join(outRoot, 'minato-catv')).sort()).toEqual(
      [first.manifest.release, second.manifest.release].sort(),
    );
    expect(verifyPackage(first.dir).ok).toBe(true);
    // Building the first again finds its release and leaves it untouched.
    const again = await buildDist({ operatorFile: path.join(OPERATORS, 'minato-catv.json'), outRoot });
    expect(again.dir).toBe(first.dir);
    expect(readdirSync(path.join(outRoot, 'minato-catv'))).toHaveLength(2);
  });

  it('refuses an invalid operator configuration with the bilingual problems and exit code 1', async () => {
    const config = JSON.parse(readFileSync(path.join(OPERATORS, 'minato-catv.json'), 'utf8'));
    config.support.phone = '12345';
    config.theme.logo = '../logos/minato-catv.svg';
    const file = path.join(work, 'broken.json');
    writeFileSync(file, JSON.stringify(config));
    const out = path.join(work, 'refused');
    const { code, out: text } = await runScript('dist', ['--operator', file, '--out', out]);
    expect(code).toBe(1);
    expect(text).toContain(`運営者設定が正しくありません / invalid operator configuration: ${file}`);
    expect(text).toContain('support.phone: not a phone number (03-1234-5678)');
    expect(text).toContain('theme.logo');
    expect(() => readFileSync(path.join(out, 'minato-catv', appVersion(), 'manifest.json'))).toThrow();
  });
});

describe('npm run dist:verify', () => {
  it('prints OK and exits 0 for a good package', async () => {
    const { code, out } = await runScript('dist-verify', [built['madoguchi-cable-tokyo']!.dir]);
    expect(code).toBe(0);
    expect(out).toContain('OK ');
    const count = Object.keys(built['madoguchi-cable-tokyo']!.manifest.files).length;
    expect(out).toContain(`${count} files verified`);
  });

  it('names a changed file (one byte of the app module) and exits 1', async () => {
    const dir = copyOf('minato-catv');
    const entry = Object.keys(built['minato-catv']!.manifest.files).find(
      (f) => f.startsWith('app-') && f.endsWith('.js'),
    )!;
    const file = path.join(dir, entry);
    const bytes = readFileSync(file);
    bytes[100] = bytes[100]! ^ 1;
    writeFileSync(file, bytes);
    const { code, out } = await runScript('dist-verify', [dir]);
    expect(code).toBe(1);
    expect(out).toContain('package check failed');
    expect(out).toContain(`changed file (SHA-256 mismatch): ${entry}`);
  });

  it('names an extra file', () => {
    const dir = copyOf('minato-catv');
    writeFileSync(path.join(dir, 'static', 'tracker.js'), 'fetch("https://evil.example")');
    expect(verifyPackage(dir)).toEqual(
      expect.objectContaining({
        ok: false,
        problems: [expect.stringContaining('extra file not in the manifest: static/tracker.js')],
      }),
    );
  });

  it('names a chunk the app imports that the package (and its manifest) lacks', async () => {
    const dir = copyOf('minato-catv');
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const shared = /<script type="module" src="(chunk-[A-Z0-9]+\.js)"><\/script>/.exec(html)![1]!;
    const code = readFileSync(path.join(dir, shared), 'utf8');
    const chunk = /import\("\.\/(chunk-[A-Z0-9]+\.js)"\)/.exec(code)![1]!;
    rmSync(path.join(dir, chunk));
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    delete manifest.files[chunk];
    manifest.release = releaseOf(manifest.version, manifest.files);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(verifyPackage(dir).problems).toEqual([
      expect.stringContaining(`${chunk}, loaded by ${shared}, is not in the package`),
    ]);
  });

  it('names a missing settings.json', () => {
    const dir = copyOf('minato-catv');
    rmSync(path.join(dir, 'settings.json'));
    const { ok, problems } = verifyPackage(dir);
    expect(ok).toBe(false);
    expect(problems).toEqual([expect.stringContaining('missing file: settings.json')]);
  });

  it('rejects settings that do not match the CSP, even with a rewritten manifest', async () => {
    const dir = copyOf('madoguchi-cable-tokyo');
    const settingsFile = path.join(dir, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    settings.platformUrl = 'https://elsewhere.example/v1';
    writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const { sha256File } = await import('./app-package');
    manifest.files['settings.json'] = sha256File(settingsFile);
    manifest.release = releaseOf(manifest.version, manifest.files);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const { ok, problems } = verifyPackage(dir);
    expect(ok).toBe(false);
    expect(problems.join('\n')).toContain('index.html: Content-Security-Policy does not match settings.json');
  });

  it('rejects settings.json the app cannot read', () => {
    const dir = copyOf('minato-catv');
    writeFileSync(path.join(dir, 'settings.json'), '{"operator": {}}');
    expect(verifyPackage(dir).problems.join('\n')).toMatch(
      /settings.json is invalid: settings.json: operator/,
    );
  });

  it('rejects a folder without manifest.json', () => {
    const dir = copyOf('minato-catv');
    rmSync(path.join(dir, 'manifest.json'));
    expect(verifyPackage(dir)).toEqual({
      ok: false,
      problems: [expect.stringContaining('manifest.json: cannot read (ENOENT)')],
    });
  });
});

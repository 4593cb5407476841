/**
 * One operator's TV app release, `dist/<id>/<release>/` (`npm run dist`, `npm run dist:verify`):
 *
 *   index.html       the page, with the Content-Security-Policy <meta> (config/app-csp.ts)
 *   app-<hash>.css   the page style (no inline style or script)
 *   app-<hash>.js    the app for WPE WebKit 2.28+ (scripts/build-app.js, stb key map, no test
 *                    hook), an ES module; chunk-*.js the modules it imports (index.html loads the
 *                    static ones with it; the health and booking screens' come later by import())
 *   settings.json    the operator's AppSettings (config/settings-from-operator.ts)
 *   static/logo.*    the operator's logo
 *   manifest.json    { name, operator, version, release, specVersion, files: { path: sha256 } }
 *
 * A release is code and configuration together: `<release>` is `<version>-<hash>`, the hash of every
 * file of the package, so a configuration-only rebuild is a new release beside the old one and a
 * release folder is never overwritten with other content. Scripts and styles are named by their
 * content, so caches cannot mix two releases.
 *
 * The package depends only on the commit and the operator file: no timestamps, no absolute paths,
 * sorted keys, so two builds of one commit give byte-identical manifests.
 */
import { createHash, type KeyObject } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { buildApp, type BuildStats } from './build-app.js';
import { parseSettings, type AppSettings } from '../src/app/settings/settings';
import { contentSecurityPolicy } from '../config/app-csp';
import { loadOperator, type OperatorConfig } from '../config/load-operator';
import { packageLogoPath, settingsFromOperator } from '../config/settings-from-operator';
import { releaseSignatureProblems, SIGNATURE_SUFFIX } from '../native-bridge/service/release-signature';
import { listFiles, sha256File } from '../native-bridge/service/bundle-sums';

const REPO = path.resolve(__dirname, '..');
export const MANIFEST = 'manifest.json';
/** manifest.json's Ed25519 signature, when the package was built with --sign-key. */
export const SIGNATURE_FILE = `${MANIFEST}${SIGNATURE_SUFFIX}`;
export const PACKAGE_NAME = 'madoguchi';
/** What every package holds besides manifest.json and the logo. */
export const REQUIRED_FILES = ['index.html', 'settings.json'];

export interface Manifest {
  name: string;
  operator: string;
  version: string;
  /** `<version>-<hash of files>`: names the release folder (releaseOf). */
  release: string;
  specVersion: string;
  /** Only in a test build (window.__madoguchi for the e2e harness); never in a shipped package. */
  testHook?: true;
  files: Record<string, string>;
}

/** The app's version: package.json `version`. */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The STB spec's version, from the one place it is stated: the head of stb-spec/spec.md. */
export function specVersion(): string {
  const text = readFileSync(path.join(REPO, 'stb-spec', 'spec.md'), 'utf8');
  const match = /^\*\*Version ([0-9]+\.[0-9]+)\b/m.exec(text);
  if (!match?.[1]) throw new Error('stb-spec/spec.md: no "**Version X.Y" line');
  return match[1];
}

export { sha256File };

/** The manifest's JSON text: fixed member order, files sorted, 2-space indent, final newline. */
export function manifestText(manifest: Manifest): string {
  const files: Record<string, string> = {};
  for (const file of Object.keys(manifest.files).sort()) files[file] = manifest.files[file]!;
  const ordered: Manifest = {
    name: manifest.name,
    operator: manifest.operator,
    version: manifest.version,
    release: manifest.release,
    specVersion: manifest.specVersion,
    ...(manifest.testHook ? { testHook: true as const } : {}),
    files,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export interface DistOptions {
  /** config/operators/NAME.json */
  operatorFile: string;
  /** The parent of <id>/<version>/ (default dist/). */
  outRoot?: string;
  /** Only for the e2e harness: a package with window.__madoguchi (marked in the manifest). */
  testHook?: boolean;
}

export interface DistResult {
  dir: string;
  operator: OperatorConfig;
  settings: AppSettings;
  manifest: Manifest;
  stats: BuildStats;
}

/** Validates the operator file (throws OperatorConfigError) and builds its package. */
/** `<version>-<12 hex>`: the SHA-256 of the files' names and hashes, so any change of code or configuration is a new release. */
export function releaseOf(version: string, files: Record<string, string>): string {
  const list = Object.keys(files)
    .sort()
    .map((file) => `${files[file]}  ${file}\n`)
    .join('');
  return `${version}-${createHash('sha256').update(list).digest('hex').slice(0, 12)}`;
}

export async function buildDist({
  operatorFile,
  outRoot = path.join(REPO, 'dist'),
  testHook = false,
}: DistOptions) {
  const operator = loadOperator(operatorFile);
  const version = appVersion();
  const settings = settingsFromOperator(operator);
  parseSettings(JSON.parse(JSON.stringify(settings)));
  // Built aside first: the release's name is known only once its files are.
  mkdirSync(path.resolve(outRoot, operator.id), { recursive: true });
  const building = mkdtempSync(path.resolve(outRoot, operator.id, '.building-'));
  try {
    const stats = await buildApp({
      outDir: building,
      testHook,
      settings,
      csp: contentSecurityPolicy(settings),
    });
    copyFileSync(
      path.resolve(path.dirname(operatorFile), operator.theme.logo),
      path.join(building, packageLogoPath(operator)),
    );
    const files = Object.fromEntries(
      listFiles(building).map((file) => [file, sha256File(path.join(building, file))]),
    );
    const manifest: Manifest = {
      name: PACKAGE_NAME,
      operator: operator.id,
      version,
      release: releaseOf(version, files),
      specVersion: specVersion(),
      ...(testHook ? { testHook: true as const } : {}),
      files,
    };
    writeFileSync(path.join(building, MANIFEST), manifestText(manifest));
    const dir = path.resolve(outRoot, operator.id, manifest.release);
    // The same name means the same files: an existing release is kept as it is, never rewritten.
    if (!existsSync(dir)) renameSync(building, dir);
    else {
      rmSync(building, { recursive: true, force: true });
      const existing = readFileSync(path.join(dir, MANIFEST), 'utf8');
      if (existing !== manifestText(manifest))
        throw new Error(
          `${dir} にほかの内容があります（上書きしません） / ${dir} holds other content: a release is never overwritten`,
        );
    }
    return { dir, operator, settings, manifest, stats } satisfies DistResult;
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
}

/** The CSP in index.html's <meta http-equiv="Content-Security-Policy">, or undefined. */
export function cspOfPage(html: string): string | undefined {
  const metas = html.match(/<meta\s[^>]*>/gi) ?? [];
  for (const meta of metas) {
    if (!/http-equiv\s*=\s*"Content-Security-Policy"/i.test(meta)) continue;
    const content = /content\s*=\s*"([^"]*)"/i.exec(meta)?.[1];
    return content
      ?.replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return undefined;
}

/** The page's stylesheet and module scripts, and every module a package script imports ('./chunk-X.js'). */
export function moduleReferences(dir: string, files: string[]): Array<{ from: string; file: string }> {
  const references: Array<{ from: string; file: string }> = [];
  const page = path.join(dir, 'index.html');
  if (existsSync(page)) {
    const html = readFileSync(page, 'utf8');
    for (const match of html.matchAll(/<(?:script\s[^>]*src|link\s[^>]*href)="([^"]+)"/gi)) {
      references.push({ from: 'index.html', file: match[1]! });
    }
  }
  for (const from of files.filter((file) => file.endsWith('.js'))) {
    if (!existsSync(path.join(dir, from))) continue;
    const code = readFileSync(path.join(dir, from), 'utf8');
    // esbuild's chunk references: `from"./chunk-X.js"` and `import("./chunk-X.js")`.
    for (const match of code.matchAll(/(?:from|import\()\s*["']\.\/([\w.-]+\.js)["']/g)) {
      references.push({ from, file: match[1]! });
    }
  }
  return references;
}

export interface VerifyResult {
  ok: boolean;
  /** One bilingual line per problem, each naming the file. */
  problems: string[];
  manifest?: Manifest;
}

const problem = (ja: string, en: string) => `${ja} / ${en}`;

/**
 * Checks a package directory against its manifest.json, settings.json and CSP; with `publicKey`
 * (an Ed25519 public key or its file), also that manifest.json is signed by that key and unchanged since.
 */
export function verifyPackage(
  dir: string,
  { publicKey }: { publicKey?: string | KeyObject } = {},
): VerifyResult {
  const problems: string[] = [];
  const manifestFile = path.join(dir, MANIFEST);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { ok: false, problems: [problem(`フォルダーがありません: ${dir}`, `not a directory: ${dir}`)] };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      ok: false,
      problems: [problem(`${MANIFEST} を読めません（${reason}）`, `${MANIFEST}: cannot read (${reason})`)],
    };
  }
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    typeof manifest.files !== 'object' ||
    !manifest.files
  ) {
    return { ok: false, problems: [problem(`${MANIFEST} に files がありません`, `${MANIFEST}: no files`)] };
  }
  for (const key of ['name', 'operator', 'version', 'release', 'specVersion'] as const) {
    if (typeof manifest[key] !== 'string' || !manifest[key]) {
      problems.push(problem(`${MANIFEST} に ${key} がありません`, `${MANIFEST}: ${key} missing`));
    }
  }
  if (
    typeof manifest.version === 'string' &&
    manifest.release !== releaseOf(manifest.version, manifest.files)
  ) {
    problems.push(
      problem(
        `${MANIFEST} の release（${manifest.release}）がファイルと合いません`,
        `${MANIFEST}: release ${manifest.release} does not name these files (${releaseOf(manifest.version, manifest.files)})`,
      ),
    );
  }
  if (manifest.testHook) {
    problems.push(
      problem(
        `${MANIFEST}: テスト用ビルドです（配布しないでください）`,
        `${MANIFEST}: a test build (window.__madoguchi), never ship it`,
      ),
    );
  }
  for (const file of REQUIRED_FILES) {
    if (!(file in manifest.files)) {
      problems.push(problem(`${MANIFEST} に ${file} がありません`, `${MANIFEST}: ${file} not listed`));
    }
  }
  if (publicKey !== undefined) problems.push(...releaseSignatureProblems(manifestFile, publicKey));
  const present = new Set(listFiles(dir).filter((file) => file !== MANIFEST && file !== SIGNATURE_FILE));
  for (const [file, hash] of Object.entries(manifest.files).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (!present.has(file)) {
      problems.push(problem(`ファイルがありません: ${file}`, `missing file: ${file}`));
      continue;
    }
    present.delete(file);
    if (sha256File(path.join(dir, file)) !== hash) {
      problems.push(
        problem(
          `ファイルが変更されています（SHA-256 不一致）: ${file}`,
          `changed file (SHA-256 mismatch): ${file}`,
        ),
      );
    }
  }
  for (const file of present) {
    problems.push(
      problem(`manifest にないファイルがあります: ${file}`, `extra file not in the manifest: ${file}`),
    );
  }
  const references = moduleReferences(dir, Object.keys(manifest.files));
  if (!references.some(({ from, file }) => from === 'index.html' && file.endsWith('.js'))) {
    problems.push(problem('index.html がアプリを読み込みません', 'index.html loads no app module'));
  }
  // A module the page or a script loads but the package lacks would fail only on the box, later.
  for (const { from, file } of references) {
    if (!(file in manifest.files)) {
      problems.push(
        problem(
          `${from} が読み込む ${file} がありません`,
          `${file}, loaded by ${from}, is not in the package`,
        ),
      );
    }
  }
  const settingsFile = path.join(dir, 'settings.json');
  const pageFile = path.join(dir, 'index.html');
  if (existsSync(settingsFile)) {
    let settings: AppSettings | undefined;
    try {
      settings = parseSettings(JSON.parse(readFileSync(settingsFile, 'utf8')));
    } catch (error) {
      problems.push(
        problem(`settings.json が正しくありません`, `settings.json is invalid: ${(error as Error).message}`),
      );
    }
    if (settings && settings.operator.id !== manifest.operator) {
      problems.push(
        problem(
          `settings.json の operator.id（${settings.operator.id}）が manifest.json の operator と違います`,
          `settings.json: operator.id ${settings.operator.id} differs from the manifest's ${manifest.operator}`,
        ),
      );
    }
    if (settings?.theme.logo && !existsSync(path.join(dir, settings.theme.logo))) {
      problems.push(
        problem(`ロゴがありません: ${settings.theme.logo}`, `logo missing: ${settings.theme.logo}`),
      );
    }
    if (settings && existsSync(pageFile)) {
      const csp = cspOfPage(readFileSync(pageFile, 'utf8'));
      const expected = contentSecurityPolicy(settings);
      if (csp === undefined) {
        problems.push(
          problem(
            'index.html に Content-Security-Policy がありません',
            'index.html: no Content-Security-Policy',
          ),
        );
      } else if (csp !== expected) {
        problems.push(
          problem(
            'index.html の Content-Security-Policy が settings.json と合いません',
            `index.html: Content-Security-Policy does not match settings.json\n      found:    ${csp}\n      expected: ${expected}`,
          ),
        );
      }
    }
  }
  return { ok: problems.length === 0, problems, manifest };
}

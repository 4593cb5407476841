/**
 * Staged rollout on real boxes' browsers: the operator's root as `npm run dist` and `npm run rollout`
 * make it (real packages, real Ed25519 signatures), served over HTTP and opened by its launch URL in
 * WPE WebKit and Chromium. A box in a 10 % wave gets the new release and a box outside it does not;
 * a rollback brings the first back; a release that fails to start (its script throws) is opened
 * once and then left for the release that started there before.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildDist,
  manifestText,
  MANIFEST,
  releaseOf,
  sha256File,
  type Manifest,
} from '../../scripts/app-package';
import { runScript } from '../../scripts/script-runner';
import { signRelease } from '../../native-bridge/service/release-signature';
import { RECORD_KEY, STARTED_KEY } from '../../src/launcher/launch-record';
import { BUCKETS, bucketOf } from '../../src/launcher/rollout-plan';
import { ROOT } from '../harness/screens';
import { BROWSERS, type BrowserName } from '../harness/stack';
import { serveStatic, type StaticServer } from '../harness/static-server';
import { startChromium } from '../harness/chromium';
import { startWpe, type Driver } from '../harness/wpe';

jest.setTimeout(180_000);

const OPERATOR_FILE = join(ROOT, 'config/operators/minato-catv.json');
const TOKEN = 'launcher-e2e-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A box id in (or out of) a 10 % wave of minato-catv. */
function boxId(inWave: boolean): string {
  for (let i = 0; ; i++) {
    const id = `e2e-box-${inWave ? 'in' : 'out'}-${i}-padding`;
    if (bucketOf('minato-catv', id) < BUCKETS / 10 === inWave) return id;
  }
}

/**
 * A release made from `dir` by `change` (which edits the copy and its file list), listed, named and
 * signed as `npm run dist` would: the launcher cannot tell it from a built one.
 */
function deriveRelease(
  dir: string,
  key: KeyObject,
  change: (copy: string, files: Record<string, string>) => void,
) {
  const copy = `${dir}.derived`;
  cpSync(dir, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, MANIFEST), 'utf8')) as Manifest;
  change(copy, manifest.files);
  for (const file of Object.keys(manifest.files)) manifest.files[file] = sha256File(join(copy, file));
  manifest.release = releaseOf(manifest.version, manifest.files);
  writeFileSync(join(copy, MANIFEST), manifestText(manifest));
  signRelease(join(copy, MANIFEST), key);
  renameSync(copy, join(dir, '..', manifest.release));
  return manifest.release;
}

let work = '';
let keyFile = '';
let server: StaticServer | undefined;
const releases = { first: '', second: '', broken: '' };

const rollout = async (...args: string[]) => {
  const result = await runScript('rollout/cli', [
    '--operator',
    OPERATOR_FILE,
    '--out',
    join(work, 'dist'),
    '--sign-key',
    keyFile,
    ...args,
  ]);
  if (result.code !== 0)
    throw new Error(`npm run rollout ${args.join(' ')}: exit ${result.code}\n${result.out}`);
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'madoguchi-launcher-e2e-'));
  keyFile = join(work, 'release.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const key = createPrivateKey(readFileSync(keyFile));
  const first = await buildDist({ operatorFile: OPERATOR_FILE, outRoot: join(work, 'dist') });
  signRelease(join(first.dir, MANIFEST), key);
  releases.first = first.manifest.release;
  // The same app with one more file, as a configuration-only rebuild differs.
  releases.second = deriveRelease(first.dir, key, (copy, files) => {
    writeFileSync(join(copy, 'static', 'notice.txt'), 'next\n');
    files['static/notice.txt'] = '';
  });
  // Its app script throws at once: a release that never shows its first screen.
  releases.broken = deriveRelease(first.dir, key, (copy, files) => {
    const script = Object.keys(files).find((file) => /^app-.*\.js$/.test(file))!;
    writeFileSync(join(copy, script), "throw new Error('this release fails to start');\n");
  });
  server = await serveStatic(join(work, 'dist'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(BROWSERS)('the launcher in %s', (browser: BrowserName) => {
  let driver: Driver | undefined;
  /** Each box's storage (the launcher's record and the app's mark), kept between its launches. */
  const boxes = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    driver = await (browser === 'wpe' ? startWpe() : startChromium());
  });
  afterAll(async () => driver?.quit());

  const page = () => driver!.session;
  const pathOf = () => page().execute<string>('return location.pathname + location.hash');

  const storageOf = () =>
    page().execute<Record<string, string>>(
      'var kept = {}; for (var i = 0; i < arguments[0].length; i++) { var v = localStorage.getItem(arguments[0][i]); if (v !== null) kept[arguments[0][i]] = v; } return kept;',
      [[RECORD_KEY, STARTED_KEY]],
    );

  const startedMark = async () => {
    for (let waited = 0; waited < 30_000; waited += 200) {
      if ((await storageOf())[STARTED_KEY]) return true;
      await sleep(200);
    }
    return false;
  };

  /** Opens the launch URL as the box `id` would (its own storage) and waits where it lands. */
  async function launch(id: string, { starts }: { starts: boolean }): Promise<string> {
    const origin = server!.url.replace(/\/$/, '');
    await page().navigate(`${origin}/minato-catv/launcher.json`);
    await page().execute(
      'localStorage.clear(); var kept = arguments[0]; for (var key in kept) localStorage.setItem(key, kept[key]);',
      [boxes.get(id) ?? { [RECORD_KEY]: JSON.stringify({ boxId: id }) }],
    );
    await page().navigate(`${origin}/minato-catv/#bridgeToken=${TOKEN}`);
    let landed = '';
    for (let waited = 0; waited < 30_000; waited += 200) {
      landed = await pathOf();
      const release = /^\/minato-catv\/([^/]+)\/index\.html/.exec(landed)?.[1];
      if (release) {
        // A release that does not start shows no mark however long one waits; 3 s is plenty here.
        expect(
          starts ? await startedMark() : (await sleep(3000), Boolean((await storageOf())[STARTED_KEY])),
        ).toBe(starts);
        boxes.set(id, await storageOf());
        return release;
      }
      await sleep(200);
    }
    throw new Error(`${browser}: the launcher did not open a release (at ${landed})\n${driver!.log()}`);
  }

  it('runs a 10 % wave, a rollback, and falls back from a release that does not start', async () => {
    // Each browser is a fleet of its own: the operator starts its rollout afresh.
    for (const file of ['rollout.json', 'rollout.json.sig'])
      rmSync(join(work, 'dist', 'minato-catv', file), { force: true });
    const inside = boxId(true);
    const outside = boxId(false);
    await rollout('--version', releases.first, '--percent', '100');
    expect(await launch(inside, { starts: true })).toBe(releases.first);

    await rollout('--version', releases.second, '--percent', '10');
    expect(await launch(inside, { starts: true })).toBe(releases.second);
    expect(await launch(outside, { starts: true })).toBe(releases.first);

    await rollout('--rollback');
    expect(await launch(inside, { starts: true })).toBe(releases.first);

    await rollout('--version', releases.broken, '--percent', '10');
    expect(await launch(inside, { starts: false })).toBe(releases.broken);
    // The launcher handed the token on; the broken app never took it out of the address.
    expect(await pathOf()).toContain(`#bridgeToken=${TOKEN}`);
    expect(await launch(inside, { starts: true })).toBe(releases.first);
    expect(await launch(inside, { starts: true })).toBe(releases.first);
    expect(await launch(outside, { starts: true })).toBe(releases.first);
  });
});

/**
 * `npm run rollout` on real releases built by `npm run dist` and signed with real Ed25519 keys: a
 * first release to every box, a 10 % wave, a halt, a rollback; what it refuses, each with a reason,
 * and that a refused command leaves the root as it was.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript } from '../script-runner';
import { releaseSignatureProblems } from '../../native-bridge/service/release-signature';
import { parseRollout, ROLLOUT_FILE, type Rollout } from '../../src/launcher/rollout-plan';
import { LAUNCHER_CONFIG_FILE } from '../../src/launcher/signature';

const REPO = path.resolve(__dirname, '../..');
const OPERATOR = path.join(REPO, 'config/operators/minato-catv.json');

let work: string;
let out: string;
let root: string;
const key = { private: '', public: '', other: '' };
const releases = { first: '', second: '', unsigned: '' };

const rollout = (...args: string[]) =>
  runScript('rollout/cli', ['--operator', OPERATOR, '--out', out, ...args]);
const signed = (...args: string[]) => rollout('--sign-key', key.private, ...args);
const fileOnDisk = (): Rollout =>
  parseRollout(JSON.parse(readFileSync(path.join(root, ROLLOUT_FILE), 'utf8'))) as Rollout;
const rootListing = () => readdirSync(root).sort().join(' ');

/** The same operator with other support hours: another release of the same version. */
function operatorWithHours(hours: string): string {
  const operator = JSON.parse(readFileSync(OPERATOR, 'utf8')) as { support: { hours: { ja: string } } };
  operator.support.hours.ja = hours;
  const file = path.join(work, 'operators', `minato-catv-${hours.length}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ ...operator, $schema: undefined }));
  return file;
}

async function dist(operatorFile: string, signKey?: string): Promise<string> {
  const before = new Set(existsSync(root) ? readdirSync(root) : []);
  const built = await runScript('dist', [
    '--operator',
    operatorFile,
    '--out',
    out,
    ...(signKey ? ['--sign-key', signKey] : []),
  ]);
  expect(built.code).toBe(0);
  const made = readdirSync(root).filter((name) => !before.has(name) && !name.startsWith('.'));
  expect(made).toHaveLength(1);
  return made[0]!;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-rollout-'));
  out = path.join(work, 'dist');
  root = path.join(out, 'minato-catv');
  for (const name of ['private', 'other'] as const) {
    const pair = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(path.join(work, `${name}.pem`), pair.privateKey);
    key[name] = path.join(work, `${name}.pem`);
    if (name === 'private') {
      key.public = path.join(work, 'public.pem');
      writeFileSync(key.public, pair.publicKey);
    }
  }
  mkdirSync(path.join(work, 'operators', 'logos'), { recursive: true });
  copyFileSync(
    path.join(REPO, 'config/operators/logos/minato-catv.svg'),
    path.join(work, 'operators/logos/minato-catv.svg'),
  );
  releases.first = await dist(OPERATOR, key.private);
  releases.second = await dist(operatorWithHours('平日 9時〜18時'), key.private);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run rollout', () => {
  it('refuses a first release to only part of the boxes, and writes nothing', async () => {
    const before = rootListing();
    const refused = await signed('--version', releases.first, '--percent', '10');
    expect(refused).toMatchObject({
      code: 1,
      out: expect.stringContaining('the first release goes to every box'),
    });
    expect(rootListing()).toBe(before);
    expect(await rollout()).toMatchObject({
      code: 0,
      out: expect.stringContaining('nothing rolled out yet'),
    });
  });

  it('installs the launcher and a signed file for the first release', async () => {
    const result = await signed('--version', releases.first, '--percent', '100');
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining(`stable ${releases.first}`) });
    expect(result.out).toContain('launcher installed');
    expect(releaseSignatureProblems(path.join(root, ROLLOUT_FILE), key.public)).toEqual([]);
    expect(fileOnDisk()).toMatchObject({ operator: 'minato-catv', stable: releases.first, withdrawn: [] });
    expect(readFileSync(path.join(root, 'index.html'), 'utf8')).toMatch(
      /<script type="module" src="app-\w+\.js">/,
    );
    expect(JSON.parse(readFileSync(path.join(root, LAUNCHER_CONFIG_FILE), 'utf8'))).toMatchObject({
      operator: 'minato-catv',
      keys: [{ keyId: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
  });

  it('goes to 10 % by version, halts, and rolls back', async () => {
    const version = releases.second.slice(0, -13);
    // Two releases of one version: the version alone is ambiguous.
    expect(await signed('--version', version, '--percent', '10')).toMatchObject({
      code: 1,
      out: expect.stringContaining('several releases'),
    });
    const wave = await signed('--version', releases.second, '--percent', '10');
    expect(wave).toMatchObject({ code: 0, out: expect.stringContaining(`${releases.second} 10 %`) });
    expect(wave.out).not.toContain('launcher');
    expect(await signed('--halt')).toMatchObject({ code: 0, out: expect.stringContaining('halted') });
    expect(fileOnDisk()).toMatchObject({
      halted: true,
      candidate: { release: releases.second, percent: 10 },
    });
    expect(await signed('--halt')).toMatchObject({ code: 0, out: expect.stringContaining('unchanged') });
    expect(await signed('--rollback')).toMatchObject({
      code: 0,
      out: expect.stringContaining(`withdrawn ${releases.second}`),
    });
    expect(fileOnDisk()).toMatchObject({ stable: releases.first, withdrawn: [releases.second] });
    expect(fileOnDisk().candidate).toBeUndefined();
    expect(await rollout()).toMatchObject({
      code: 0,
      out: expect.stringContaining(`stable ${releases.first}`),
    });
  });

  it('refuses a release that is not signed by the key, or not there', async () => {
    releases.unsigned = await dist(operatorWithHours('毎日 8時〜20時'));
    expect(await signed('--version', releases.unsigned, '--percent', '10')).toMatchObject({
      code: 1,
      out: expect.stringMatching(/cannot be rolled out[\s\S]*unsigned/),
    });
    expect(await signed('--version', '9.9.9', '--percent', '10')).toMatchObject({
      code: 1,
      out: expect.stringContaining('no release of 9.9.9'),
    });
  });

  it('refuses a rollout file changed behind its back', async () => {
    const file = path.join(root, ROLLOUT_FILE);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(releases.first, releases.second));
    expect(await rollout()).toMatchObject({ code: 1, out: expect.stringContaining('cannot be trusted') });
    writeFileSync(file, original);
  });

  it('refuses a key the boxes’ launcher does not trust, and changes keys only when told to', async () => {
    const before = readFileSync(path.join(root, ROLLOUT_FILE), 'utf8');
    const other = await rollout('--sign-key', key.other, '--halt');
    expect(other).toMatchObject({ code: 1, out: expect.stringContaining('does not trust this key') });
    expect(readFileSync(path.join(root, ROLLOUT_FILE), 'utf8')).toBe(before);
    const rotated = await rollout('--sign-key', key.other, '--update-launcher');
    expect(rotated).toMatchObject({ code: 0, out: expect.stringContaining('re-signed with the new key') });
    expect(rotated.out).toContain('launcher updated');
    expect(releaseSignatureProblems(path.join(root, ROLLOUT_FILE), key.public)).toEqual([
      expect.stringContaining('signed by another key'),
    ]);
    expect(await signed('--halt')).toMatchObject({
      code: 1,
      out: expect.stringContaining('does not trust this key'),
    });
  });

  it.each([
    [['--version', 'x']],
    [['--percent', '10']],
    [['--halt', '--rollback']],
    [['--halt']],
    [['--bogus']],
  ])('prints its usage for %j', async (args) => {
    const result =
      args.includes('--halt') && args.length === 1 ? await rollout(...args) : await signed(...args);
    expect(result).toMatchObject({ code: 1, out: expect.stringContaining('usage: npm run rollout') });
  });
});

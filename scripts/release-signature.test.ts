/**
 * Signed releases end to end: `npm run dist -- --sign-key` and `npm run bridge:bundle -- --sign-key`
 * sign the list of hashes; `npm run dist:verify -- --public-key` refuses an unsigned package, one
 * signed by another key, and one changed and re-hashed after signing — the platform swapped for
 * another host, which a hash list alone cannot catch — and passes a good one.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript } from './script-runner';
import { contentSecurityPolicy } from '../config/app-csp';
import { bundleBridge } from '../native-bridge/service/bundle';
import { loadSigningKey } from '../native-bridge/service/release-signature';
import { parseSettings } from '../src/app/settings/settings';
import { cspOfPage, releaseOf, sha256File, type Manifest } from './app-package';

const REPO = path.resolve(__dirname, '..');
const OPERATOR = path.join(REPO, 'config/operators/minato-catv.json');

let work: string;
const keys: Record<'release' | 'other' | 'rsa', { private: string; public: string }> = {} as never;
let signedDir: string;
let unsignedDir: string;

function writeKeys(name: keyof typeof keys, pair: { privateKey: string; publicKey: string }) {
  keys[name] = { private: path.join(work, `${name}.pem`), public: path.join(work, `${name}.pub.pem`) };
  writeFileSync(keys[name].private, pair.privateKey);
  writeFileSync(keys[name].public, pair.publicKey);
}

/** A key pair as PEM text, as `openssl genpkey` would write it. */
const pemPair = (type: 'ed25519' | 'rsa') =>
  type === 'rsa'
    ? generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      })
    : generateKeyPairSync('ed25519', {
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });

/** The one release `npm run dist` made under an operator's folder. */
function onlyRelease(operatorDir: string): string {
  const releases = readdirSync(operatorDir).filter((name) => !name.startsWith('.'));
  expect(releases).toHaveLength(1);
  return path.join(operatorDir, releases[0]!);
}

function copyOf(dir: string): string {
  const copy = mkdtempSync(path.join(work, 'copy-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-signed-'));
  writeKeys('release', pemPair('ed25519'));
  writeKeys('other', pemPair('ed25519'));
  writeKeys('rsa', pemPair('rsa'));
  const signed = await runScript('dist', [
    '--operator',
    OPERATOR,
    '--out',
    path.join(work, 'signed'),
    '--sign-key',
    keys.release.private,
  ]);
  expect(signed).toMatchObject({ code: 0, out: expect.stringContaining('manifest.json.sig') });
  const unsigned = await runScript('dist', ['--operator', OPERATOR, '--out', path.join(work, 'unsigned')]);
  expect(unsigned).toMatchObject({ code: 0, out: expect.stringContaining('unsigned') });
  signedDir = onlyRelease(path.join(work, 'signed', 'minato-catv'));
  unsignedDir = onlyRelease(path.join(work, 'unsigned', 'minato-catv'));
}, 90_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a signed app package', () => {
  it('passes dist:verify with the release public key', async () => {
    const { code, out } = await runScript('dist-verify', [signedDir, '--public-key', keys.release.public]);
    expect(code).toBe(0);
    expect(out).toContain('signature verified');
  });

  it('is refused when unsigned', async () => {
    const { code, out } = await runScript('dist-verify', [unsignedDir, '--public-key', keys.release.public]);
    expect(code).toBe(1);
    expect(out).toContain('unsigned: no manifest.json.sig');
  });

  it('is refused when signed by another key', async () => {
    const { code, out } = await runScript('dist-verify', [signedDir, '--public-key', keys.other.public]);
    expect(code).toBe(1);
    expect(out).toContain('signed by another key');
  });

  it('is refused when the platform is swapped for another host and every hash is made to match', async () => {
    const dir = copyOf(signedDir);
    const settingsFile = path.join(dir, 'settings.json');
    const settings = parseSettings(JSON.parse(readFileSync(settingsFile, 'utf8')));
    const swapped = { ...settings, platformUrl: 'https://relay.evil.example/v1' };
    writeFileSync(settingsFile, JSON.stringify(swapped));
    const pageFile = path.join(dir, 'index.html');
    const page = readFileSync(pageFile, 'utf8');
    writeFileSync(pageFile, page.replace(cspOfPage(page)!, contentSecurityPolicy(swapped)));
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    for (const file of ['settings.json', 'index.html'])
      manifest.files[file] = sha256File(path.join(dir, file));
    manifest.release = releaseOf(manifest.version, manifest.files);
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));

    // The hashes alone are satisfied: that is what the signature is for.
    expect(await runScript('dist-verify', [dir])).toMatchObject({ code: 0 });
    const { code, out } = await runScript('dist-verify', [dir, '--public-key', keys.release.public]);
    expect(code).toBe(1);
    expect(out).toContain('the signature does not match manifest.json: changed after signing');
  });

  it('is not built with a key that is not Ed25519, and says how to make one', async () => {
    const out = path.join(work, 'rsa');
    const result = await runScript('dist', [
      '--operator',
      OPERATOR,
      '--out',
      out,
      '--sign-key',
      keys.rsa.private,
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('is not an Ed25519 key (rsa)');
    expect(result.out).toContain('openssl genpkey -algorithm ed25519');
    expect(existsSync(out)).toBe(false);
  });
});

describe('a signed bridge bundle', () => {
  let bundleDir: string;
  beforeAll(async () => {
    bundleDir = path.join(work, 'bridge');
    await bundleBridge(bundleDir, loadSigningKey(keys.release.private));
  }, 90_000);

  it('passes dist:verify with the release public key, and is refused with another', async () => {
    expect(await runScript('dist-verify', [bundleDir, '--public-key', keys.release.public])).toMatchObject({
      code: 0,
      out: expect.stringContaining('signature verified'),
    });
    expect(await runScript('dist-verify', [bundleDir, '--public-key', keys.other.public])).toMatchObject({
      code: 1,
      out: expect.stringContaining('signed by another key'),
    });
  });

  it('is refused when a file is changed and SHA256SUMS re-hashed to match', async () => {
    const dir = copyOf(bundleDir);
    writeFileSync(path.join(dir, 'bridge.example.json'), '{"allowedOrigins":["http://evil.example"]}\n');
    const sums = readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').replace(
      /^[0-9a-f]{64}(?= {2}bridge\.example\.json$)/m,
      sha256File(path.join(dir, 'bridge.example.json')),
    );
    writeFileSync(path.join(dir, 'SHA256SUMS'), sums);
    expect(await runScript('dist-verify', [dir])).toMatchObject({ code: 0 });
    const { code, out } = await runScript('dist-verify', [dir, '--public-key', keys.release.public]);
    expect(code).toBe(1);
    expect(out).toContain('the signature does not match SHA256SUMS: changed after signing');
  });
});

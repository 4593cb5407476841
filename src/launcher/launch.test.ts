/**
 * The launcher's flow in Node, against a folder laid out as an operator's root: files signed with
 * the operator's tools (node:crypto Ed25519) and checked by the launcher's tweetnacl, so the two
 * sides of the signature are proven to agree.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyIdOf, rawPublicKey, signRelease } from '../../native-bridge/service/release-signature';
import { launch, releaseUrl, type LaunchPorts } from './launch';
import { RECORD_KEY, STARTED_KEY, RETRY_FAILED_AFTER_MS, markStarted } from './launch-record';
import { BUCKETS, bucketOf, ROLLOUT_FILE, rolloutText, type Rollout } from './rollout-plan';
import { LAUNCHER_CONFIG_FILE } from './signature';
import { launcherProblemLines } from './messages';

const OPERATOR = 'minato-catv';
const STABLE = '0.1.0-aaaaaaaaaaaa';
const NEXT = '0.2.0-bbbbbbbbbbbb';
const TOKEN = 'tok/en+with=signs&more';

let root: string;
const key = generateKeyPairSync('ed25519').privateKey;
const otherKey = generateKeyPairSync('ed25519').privateKey;

/** A box id in (or out of) a 10 % wave of this operator. */
function boxId(inWave: boolean): string {
  for (let i = 0; ; i++) {
    const id = `box-id-for-tests-${i}`;
    if (bucketOf(OPERATOR, id) < BUCKETS / 10 === inWave) return id;
  }
}

function write(file: string, text: string, signer?: KeyObject) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  if (signer) signRelease(path.join(root, file), signer);
}

function release(name: string, signer: KeyObject | undefined = key, operator = OPERATOR) {
  write(
    `${name}/manifest.json`,
    JSON.stringify({ name: 'madoguchi', operator, release: name, files: {} }),
    signer,
  );
}

function rollout(extra: Partial<Rollout>, signer: KeyObject = key) {
  write(
    ROLLOUT_FILE,
    rolloutText({ format: 1, operator: OPERATOR, sequence: 10, stable: STABLE, withdrawn: [], ...extra }),
    signer,
  );
}

interface Box extends LaunchPorts {
  storage: Map<string, string>;
  opened: string[];
  logs: string[];
  clock: number;
}

function box(id: string): Box {
  const storage = new Map<string, string>();
  const state: Box = {
    storage,
    opened: [],
    logs: [],
    clock: 1_800_000_000_000,
    store: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    fetchBytes: async (file) => {
      try {
        return new Uint8Array(readFileSync(path.join(root, file)));
      } catch {
        return undefined;
      }
    },
    newBoxId: () => id,
    now: () => state.clock,
    open: (url) => void state.opened.push(url),
    log: (line) => void state.logs.push(line),
  };
  return state;
}

const start = (b: Box) => launch(b, { token: TOKEN, rest: ['lang=ja'] });

/** What the app does once its first screen is up, in the release it was sent to. */
const appStarts = (b: Box) =>
  markStarted(() => b.store, `/minato-catv/${b.opened.at(-1)!.split('/')[0]}/index.html`);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-launcher-'));
  write(
    LAUNCHER_CONFIG_FILE,
    JSON.stringify({
      operator: OPERATOR,
      support: { name: { ja: 'みなとケーブルテレビ', en: 'Minato CATV' }, phone: '03-1234-5678' },
      keys: [{ keyId: keyIdOf(key), publicKey: rawPublicKey(key) }],
    }),
  );
  release(STABLE);
  release(NEXT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the launcher', () => {
  it('opens the stable release with the token first in the fragment, and keeps the rest', async () => {
    rollout({});
    const b = box(boxId(false));
    await expect(start(b)).resolves.toEqual({ kind: 'opened', release: STABLE, reason: 'rollout' });
    expect(b.opened).toEqual([`${STABLE}/index.html#bridgeToken=${encodeURIComponent(TOKEN)}&lang=ja`]);
    expect(releaseUrl(STABLE, undefined, [])).toBe(`${STABLE}/index.html`);
  });

  it('never writes the token to storage or the log', async () => {
    rollout({ candidate: { release: NEXT, percent: 10 } });
    const b = box(boxId(true));
    await start(b);
    await start(box(boxId(true)));
    expect([...b.storage.values(), ...b.logs].join('\n')).not.toContain('tok');
  });

  it('sends a box of a 10 % wave to the wave, the others to stable, and all back after a rollback', async () => {
    rollout({ candidate: { release: NEXT, percent: 10 } });
    const inside = box(boxId(true));
    const outside = box(boxId(false));
    expect(await start(inside)).toMatchObject({ release: NEXT });
    expect(await start(outside)).toMatchObject({ release: STABLE });
    appStarts(inside);
    rollout({ sequence: 11, withdrawn: [NEXT] });
    expect(await start(inside)).toMatchObject({ release: STABLE, reason: 'rollout' });
  });

  it('falls back to the release that started here when the chosen one did not start', async () => {
    rollout({});
    const b = box(boxId(true));
    await start(b);
    appStarts(b);
    rollout({ sequence: 11, candidate: { release: NEXT, percent: 10 } });
    expect(await start(b)).toMatchObject({ release: NEXT });
    // NEXT never marks itself started (a broken bundle, a crash, a hang the box restarted).
    expect(await start(b)).toMatchObject({ release: STABLE, reason: 'fallback' });
    const record = JSON.parse(b.storage.get(RECORD_KEY)!) as { failed: Array<{ release: string }> };
    expect(record.failed.map(({ release }) => release)).toEqual([NEXT]);
    appStarts(b);
    expect(await start(b)).toMatchObject({ release: STABLE });
    // A day later it is tried again: a power cut during a start also looks like a failure.
    b.clock += RETRY_FAILED_AFTER_MS;
    expect(await start(b)).toMatchObject({ release: NEXT });
    appStarts(b);
    expect(await start(b)).toMatchObject({ release: NEXT });
    expect(b.storage.has(STARTED_KEY)).toBe(false);
  });

  it.each([
    [
      'changed after signing',
      () =>
        writeFileSync(
          path.join(root, ROLLOUT_FILE),
          rolloutText({ format: 1, operator: OPERATOR, sequence: 12, stable: NEXT, withdrawn: [] }),
        ),
    ],
    ['signed by another key', () => rollout({ sequence: 12, stable: NEXT }, otherKey)],
    ['unsigned', () => rmSync(path.join(root, `${ROLLOUT_FILE}.sig`))],
    ['replayed (an older sequence)', () => rollout({ sequence: 9, stable: NEXT })],
    [
      'for another operator',
      () =>
        write(
          ROLLOUT_FILE,
          rolloutText({ format: 1, operator: 'other', sequence: 12, stable: NEXT, withdrawn: [] }),
          key,
        ),
    ],
    ['missing', () => rmSync(path.join(root, ROLLOUT_FILE))],
  ])('keeps the release that started here when rollout.json is %s', async (_, spoil) => {
    rollout({});
    const b = box(boxId(true));
    await start(b);
    appStarts(b);
    spoil();
    expect(await start(b)).toEqual({ kind: 'opened', release: STABLE, reason: 'last-good' });
    expect(b.logs.join('\n')).toMatch(/rollout\.json/);
  });

  it('opens no release whose manifest is not signed by the launcher’s key', async () => {
    release(NEXT, otherKey);
    rollout({ candidate: { release: NEXT, percent: 100 } });
    const b = box(boxId(true));
    expect(await start(b)).toMatchObject({ release: STABLE, reason: 'fallback' });
    release(STABLE, undefined);
    rmSync(path.join(root, STABLE, 'manifest.json.sig'));
    expect(await start(box(boxId(true)))).toMatchObject({
      kind: 'nothing-to-open',
      problem: 'no-release',
      support: { phone: '03-1234-5678' },
    });
    release(STABLE, key, 'other-operator');
    expect(await start(box(boxId(true)))).toMatchObject({
      kind: 'nothing-to-open',
      problem: 'no-release',
      support: { phone: '03-1234-5678' },
    });
  });

  it('says so when it has no configuration, or a new box has nothing it may open', async () => {
    const b = box(boxId(true));
    expect(await start(b)).toMatchObject({
      kind: 'nothing-to-open',
      problem: 'no-release',
      support: { phone: '03-1234-5678' },
    });
    rmSync(path.join(root, LAUNCHER_CONFIG_FILE));
    expect(await start(b)).toEqual({ kind: 'nothing-to-open', problem: 'config' });
    expect(b.opened).toEqual([]);
  });

  it('keeps one random id per box, and replaces a damaged record', async () => {
    rollout({});
    const b = box(boxId(true));
    b.storage.set(RECORD_KEY, '{not json');
    await start(b);
    const record = JSON.parse(b.storage.get(RECORD_KEY)!) as { boxId: string; sequence: number };
    expect(record).toMatchObject({ boxId: boxId(true), sequence: 10 });
  });
});

describe('the app’s started mark', () => {
  it('is written only from a release folder', () => {
    const storage = new Map<string, string>();
    const store = {
      getItem: () => null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: () => undefined,
    };
    expect(markStarted(() => store, '/index.html')).toBeUndefined();
    expect(markStarted(() => store, '/minato-catv/current/index.html')).toBeUndefined();
    expect(markStarted(() => store, `/minato-catv/${NEXT}/`)).toBe(NEXT);
    expect(storage.get(STARTED_KEY)).toBe(NEXT);
    expect(
      markStarted(() => {
        throw new Error('SecurityError');
      }, `/minato-catv/${NEXT}/index.html`),
    ).toBeUndefined();
  });
});

describe('the launcher’s message', () => {
  it('names the operator and its number when it knows them, in Japanese and English', () => {
    const support = { name: { ja: 'みなとケーブルテレビ', en: 'Minato CATV' }, phone: '03-1234-5678' };
    const lines = launcherProblemLines('no-release', support).join('\n');
    expect(lines).toContain('みなとケーブルテレビ（03-1234-5678）');
    expect(lines).toContain('please call Minato CATV (03-1234-5678)');
    expect(lines).toMatch(/決定ボタン[\s\S]*Press OK/);
    expect(launcherProblemLines('config', undefined).join('\n')).toMatch(
      /ケーブルテレビ会社[\s\S]*cable TV company/,
    );
  });
});

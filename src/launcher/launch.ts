/**
 * One launch of the box's app: settle the previous launch, read the signed rollout file, pick this
 * box's release and open it with the bridge token. Every input from the network is checked before
 * it is used, and every way it can go wrong ends in a release that started here before or in a
 * message — never in a release the operator did not sign.
 *
 * All I/O comes in through LaunchPorts, so the whole flow is tested in Node without a browser.
 */
import { BRIDGE_TOKEN_FRAGMENT_KEY } from '../../stb-spec/protocol/names';
import {
  failedRecently,
  readRecord,
  settleLastLaunch,
  writeRecord,
  type BoxRecord,
  type KeyValueStore,
} from './launch-record';
import { bucketOf, parseRollout, releasesToTry, ROLLOUT_FILE, type Rollout } from './rollout-plan';
import {
  LAUNCHER_CONFIG_FILE,
  parseLauncherConfig,
  signedByTrustedKey,
  type LauncherConfig,
} from './signature';

export interface LaunchPorts {
  /** The bytes at a path relative to the launcher, or undefined on any failure (404, network, …). */
  fetchBytes(path: string): Promise<Uint8Array | undefined>;
  store: KeyValueStore;
  newBoxId(): string;
  now(): number;
  /** Leaves the launcher for `url` (relative to the launcher). */
  open(url: string): void;
  /** What went wrong, for the box's log: English, no token, no box id. */
  log(line: string): void;
}

export type LaunchOutcome =
  | { kind: 'opened'; release: string; reason: 'rollout' | 'last-good' | 'fallback' }
  | { kind: 'nothing-to-open'; problem: 'config' | 'no-release'; support?: LauncherConfig['support'] };

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(text(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** `<file>` and `<file>.sig`, the file's bytes when the signature is good. */
async function signedFile(ports: LaunchPorts, path: string, config: LauncherConfig) {
  const [bytes, signature] = await Promise.all([ports.fetchBytes(path), ports.fetchBytes(`${path}.sig`)]);
  if (!bytes) return { problem: `${path}: not available` };
  if (!signature) return { problem: `${path}: unsigned` };
  if (!signedByTrustedKey(bytes, text(signature), config.keys))
    return { problem: `${path}: signature not valid for the launcher's keys` };
  return { bytes };
}

async function loadRollout(ports: LaunchPorts, config: LauncherConfig, record: BoxRecord) {
  const file = await signedFile(ports, ROLLOUT_FILE, config);
  if (!file.bytes) return { problem: file.problem };
  const rollout = parseRollout(parseJson(file.bytes));
  if (typeof rollout === 'string') return { problem: `${ROLLOUT_FILE}: ${rollout}` };
  if (rollout.operator !== config.operator)
    return { problem: `${ROLLOUT_FILE}: for operator ${rollout.operator}, not ${config.operator}` };
  if (rollout.sequence < record.sequence)
    return {
      problem: `${ROLLOUT_FILE}: sequence ${rollout.sequence} is older than ${record.sequence} (replayed?)`,
    };
  return { rollout };
}

/** Whether `<release>/manifest.json` is this operator's release of that name, signed by a trusted key. */
async function releaseIsSigned(ports: LaunchPorts, release: string, config: LauncherConfig) {
  const file = await signedFile(ports, `${release}/manifest.json`, config);
  if (!file.bytes) return file.problem;
  const manifest = parseJson(file.bytes) as { operator?: unknown; release?: unknown; testHook?: unknown };
  if (manifest?.operator !== config.operator || manifest.release !== release || manifest.testHook)
    return `${release}/manifest.json: not ${config.operator}'s release ${release}`;
  return undefined;
}

/** The address of a release's page with the launch fragment the launcher was given (token first). */
export function releaseUrl(release: string, token: string | undefined, otherParameters: string[]): string {
  const parameters = [
    ...(token === undefined ? [] : [`${BRIDGE_TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`]),
    ...otherParameters,
  ];
  return `${release}/index.html${parameters.length ? `#${parameters.join('&')}` : ''}`;
}

export async function launch(
  ports: LaunchPorts,
  fragment: { token: string | undefined; rest: string[] },
): Promise<LaunchOutcome> {
  const config = parseLauncherConfig(parseJson(await ports.fetchBytes(LAUNCHER_CONFIG_FILE)));
  if (!config) {
    ports.log(`${LAUNCHER_CONFIG_FILE}: missing or invalid`);
    return { kind: 'nothing-to-open', problem: 'config' };
  }
  let record = settleLastLaunch(ports.store, readRecord(ports.store, ports.newBoxId));
  const now = ports.now();
  const loaded = await loadRollout(ports, config, record);
  let candidates: string[];
  let chosen: string | undefined;
  if (loaded.rollout) {
    const rollout: Rollout = loaded.rollout;
    record = { ...record, sequence: rollout.sequence };
    const plan = releasesToTry(rollout, bucketOf(config.operator, record.boxId), {
      ...(record.lastGood ? { lastGood: record.lastGood } : {}),
      failedRecently: failedRecently(record, now),
    });
    candidates = plan.order;
    chosen = plan.choice;
  } else {
    ports.log(`${loaded.problem}; keeping the last release that started here`);
    candidates = record.lastGood ? [record.lastGood] : [];
  }
  for (const release of candidates) {
    const problem = await releaseIsSigned(ports, release, config);
    if (problem) {
      ports.log(problem);
      continue;
    }
    writeRecord(ports.store, { ...record, pending: { release, at: now } });
    ports.open(releaseUrl(release, fragment.token, fragment.rest));
    const reason = !chosen ? 'last-good' : release === chosen ? 'rollout' : 'fallback';
    return { kind: 'opened', release, reason };
  }
  writeRecord(ports.store, record);
  return { kind: 'nothing-to-open', problem: 'no-release', support: config.support };
}

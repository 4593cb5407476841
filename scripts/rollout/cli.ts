/**
 * `npm run rollout`: stages an operator's releases over its boxes through the signed rollout file
 * at its app root (`<out>/<id>/rollout.json` + `.sig`, read by the launcher on every box).
 *
 *   npm run rollout -- --operator config/operators/NAME.json                     shows the rollout
 *   npm run rollout -- --operator F --sign-key KEY.pem --version V --percent N   starts or widens a wave
 *   npm run rollout -- --operator F --sign-key KEY.pem --halt                    no box joins the wave
 *   npm run rollout -- --operator F --sign-key KEY.pem --rollback                every box back to stable
 *   [--out DIR]  the parent of <id>/ (default dist/)     [--update-launcher]  replace the launcher
 *
 * V is a release folder (`0.2.0-a83f…`) or a version with exactly one release folder. Each release
 * must pass dist:verify signed by the same key. Exit code 0 = done or nothing to change, 1 = refused.
 */
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { changeRollout, describeRollout, type RolloutCommand } from './rollout-change';
import {
  both,
  currentRollout,
  publicKeyOf,
  Refusal,
  releaseFolder,
  writeSignedRollout,
} from './rollout-root';
import { installedLauncher, installLauncher, launcherConfigFor } from './launcher-package';
import { verifyPackage } from '../app-package';
import { printFailure } from '../cli-failure';
import { loadOperator, OperatorConfigError } from '../../config/load-operator';
import { loadSigningKey, ReleaseKeyError } from '../../native-bridge/service/release-signature';
import { ROLLOUT_FILE } from '../../src/launcher/rollout-plan';

const USAGE = [
  '使い方 / usage: npm run rollout -- --operator config/operators/NAME.json [--out DIR]',
  '  [--sign-key KEY.pem (--version V --percent N | --halt | --rollback) [--update-launcher]]',
].join('\n');

interface Options {
  operator: string;
  out: string;
  signKey?: string;
  command?: RolloutCommand;
  updateLauncher: boolean;
}

function parse(args: string[]): Options | undefined {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (['--halt', '--rollback', '--update-launcher'].includes(name!) && inline === undefined)
      flags.add(name!);
    else if (['--operator', '--out', '--sign-key', '--version', '--percent'].includes(name!)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '' || value.startsWith('--') || name! in values) return undefined;
      values[name!] = value;
    } else return undefined;
  }
  const actions = [values['--version'] !== undefined, flags.has('--halt'), flags.has('--rollback')].filter(
    Boolean,
  );
  if (!values['--operator'] || actions.length > 1) return undefined;
  if ((values['--version'] === undefined) !== (values['--percent'] === undefined)) return undefined;
  if ((actions.length || flags.has('--update-launcher')) && !values['--sign-key']) return undefined;
  const command: RolloutCommand | undefined = values['--version']
    ? { kind: 'release', release: values['--version'], percent: Number(values['--percent']) }
    : flags.has('--halt')
      ? { kind: 'halt' }
      : flags.has('--rollback')
        ? { kind: 'rollback' }
        : undefined;
  return {
    operator: values['--operator'],
    out: path.resolve(values['--out'] ?? 'dist'),
    ...(values['--sign-key'] ? { signKey: values['--sign-key'] } : {}),
    ...(command ? { command } : {}),
    updateLauncher: flags.has('--update-launcher'),
  };
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (!options) {
    console.error(USAGE);
    return 1;
  }
  const operator = loadOperator(options.operator);
  const root = path.join(options.out, operator.id);
  const file = path.join(root, ROLLOUT_FILE);
  const key = options.signKey === undefined ? undefined : loadSigningKey(options.signKey);
  const publicKey = key && createPublicKey(key);
  // What the boxes trust is the installed launcher's keys: the file is checked against those.
  const installed = installedLauncher(root);
  const trusted = installed ? installed.keys.map(publicKeyOf) : publicKey ? [publicKey] : [];
  const current = currentRollout(file, trusted, operator.id);
  if (!key || !publicKey) {
    console.log(
      current
        ? describeRollout(current)
        : both(`${operator.id}: まだ配信していません`, `${operator.id}: nothing rolled out yet`),
    );
    return 0;
  }
  let command = options.command;
  if (command?.kind === 'release') {
    const release = releaseFolder(root, command.release);
    const { ok, problems, manifest } = verifyPackage(path.join(root, release), { publicKey });
    if (!ok || manifest?.operator !== operator.id || manifest.release !== release)
      throw new Refusal(
        [both(`${release} は配信できません`, `${release} cannot be rolled out`), ...problems].join('\n  - '),
      );
    command = { ...command, release };
  }
  const launcher = launcherConfigFor(operator, key);
  const trustsKey = installed?.keys.some(({ keyId }) => keyId === launcher.keys[0]!.keyId) ?? false;
  if (installed && !trustsKey && !options.updateLauncher) {
    throw new Refusal(
      both(
        '設置済みのランチャーはこの鍵を信用していません（鍵を替えるときは --update-launcher）',
        'the installed launcher does not trust this key: every box would refuse the file (to change keys: --update-launcher)',
      ),
    );
  }
  // Refused before anything is written: a refused command leaves the root as it was.
  const change = command && changeRollout(current, operator.id, command, Date.now());
  if (change && !change.ok) throw new Refusal(change.problem);
  if (!installed || options.updateLauncher) {
    const files = await installLauncher(root, launcher);
    console.log(
      `launcher ${installed ? 'updated' : 'installed'}: ${path.relative(process.cwd(), root) || '.'}/{${files.join(',')}}`,
    );
  }
  // A new key: the new launcher trusts only it, so the file the boxes read is signed again.
  const rotated = installed !== undefined && !trustsKey;
  const next =
    change?.ok && change.changed
      ? change.rollout
      : rotated && current
        ? { ...current, sequence: Math.max(current.sequence + 1, Math.floor(Date.now() / 1000)) }
        : undefined;
  if (!next) {
    const shown = change?.ok ? change.rollout : current;
    if (shown) console.log(`${change ? `${both('変更なし', 'unchanged')}: ` : ''}${describeRollout(shown)}`);
    return 0;
  }
  writeSignedRollout(file, next, key);
  const resigned =
    next !== change?.rollout ? ` (${both('新しい鍵で署名し直しました', 're-signed with the new key')})` : '';
  console.log(`OK ${describeRollout(next)}${resigned}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    printFailure(error, [Refusal, OperatorConfigError, ReleaseKeyError], (detail) =>
      both('配信ファイルを書けません', `rollout failed: ${detail}`),
    );
    process.exit(1);
  },
);

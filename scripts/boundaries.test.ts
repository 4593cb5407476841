/**
 * The boundary check (`npm run boundaries`, a step of `npm test`) refuses uphill imports and lets
 * downhill ones pass. It runs the real checker with the repository's rules on small trees laid out
 * like the repository in a temporary folder, so no fixture ever sits among the real sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..');
const DEPCRUISE = path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const RULES = path.join(REPO, '.dependency-cruiser.cjs');

/**
 * Lays out `files` (path → source) and cruises them as `npm run boundaries` does: the exit code and
 * the violations it printed, as "rule: from → to".
 */
function cruise(files: Record<string, string>): { status: number | null; violations: string[] } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'boundaries-'));
  try {
    for (const [file, source] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), source);
    }
    const folders = [...new Set(Object.keys(files).map((file) => file.split('/')[0]!))];
    const run = spawnSync(
      process.execPath,
      [DEPCRUISE, '--config', RULES, '--output-type', 'err', ...folders],
      { cwd: root, encoding: 'utf8' },
    );
    if (!/dependencies cruised/.test(run.stdout)) throw new Error(`the checker did not run: ${run.stderr}`);
    const violations = [...run.stdout.matchAll(/^\s*error (\S+) (\S+) → (\S+)$/gm)].map(
      ([, rule, from, to]) => `${rule} ${from} → ${to}`,
    );
    return { status: run.status, violations: violations.sort() };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const leaf = 'export const value = 1;\n';

describe('the boundary check', () => {
  it('refuses uphill imports, each under the rule it breaks', () => {
    const { status, violations } = cruise({
      // A type-only import counts: the app may not even name the development kit's types.
      'src/features/login/uphill.ts':
        "import type { Card } from '../../../mocks/virtual-card/card';\nexport type C = Card;\n",
      'src/app/uphill.ts': "export { value } from '../../native-bridge/src/jpki/apdu';\n",
      'native-bridge/service/uphill.ts': "export { value } from '../../config/settings';\n",
      'native-bridge/src/bridge/uphill.ts': "export { value } from '../../../src/app/keys';\n",
      'stb-spec/protocol/uphill.ts': "export { value } from '../../native-bridge/src/jpki/apdu';\n",
      'mocks/virtual-card/uphill.ts': "export { value } from '../../native-bridge/src/jpki/apdu';\n",
      'mocks/platform/uphill.ts': "export { value } from '../../src/app/keys';\n",
      'config/uphill.ts': "export { value } from '../scripts/build';\n",
      'mocks/virtual-card/card.ts': 'export type Card = { id: string };\n',
      'config/settings.ts': leaf,
      'src/app/keys.ts': leaf,
      'native-bridge/src/jpki/apdu.ts': leaf,
      'scripts/build.ts': leaf,
    });
    expect(status).not.toBe(0);
    expect(violations).toEqual([
      'app-and-bridge-apart: src/app/uphill.ts → native-bridge/src/jpki/apdu.ts',
      'bridge-and-app-apart: native-bridge/src/bridge/uphill.ts → src/app/keys.ts',
      'config-imports-no-other-tool: config/uphill.ts → scripts/build.ts',
      'dev-kit-imports-contract-and-bridge-only: mocks/platform/uphill.ts → src/app/keys.ts',
      'protocol-imports-nothing-of-ours: stb-spec/protocol/uphill.ts → native-bridge/src/jpki/apdu.ts',
      'shipped-imports-no-dev-kit-nor-tools: native-bridge/service/uphill.ts → config/settings.ts',
      'shipped-imports-no-dev-kit-nor-tools: src/features/login/uphill.ts → mocks/virtual-card/card.ts',
      'virtual-card-bytes-from-the-spec: mocks/virtual-card/uphill.ts → native-bridge/src/jpki/apdu.ts',
    ]);
  });

  it('lets downhill imports pass', () => {
    const { status, violations } = cruise({
      'src/features/login/machine.ts': "export { value } from '../../../stb-spec/protocol/names';\n",
      'native-bridge/src/bridge/server.ts': "export { value } from '../../../stb-spec/protocol/names';\n",
      'mocks/dev-bridge/bridge.ts': "export { value } from '../../native-bridge/src/bridge/server';\n",
      'mocks/virtual-card/applet.ts': "export { value } from '../../stb-spec/protocol/jpki-card';\n",
      // Tests never ship: a test of the app may drive it with the development kit.
      'src/features/login/machine.test.ts': "export { value } from '../../../mocks/dev-bridge/bridge';\n",
      'stb-spec/conformance/case.ts': "export { value } from '../../mocks/virtual-card/applet';\n",
      'bench/rig.ts': "export { value } from '../e2e/harness/stack';\n",
      'scripts/dist.ts': "export { value } from '../config/operator';\n",
      'config/operator.ts': "export { value } from '../src/features/login/machine';\n",
      'e2e/harness/stack.ts': "export { value } from '../../mocks/dev-bridge/bridge';\n",
      'stb-spec/protocol/names.ts': leaf,
      'stb-spec/protocol/jpki-card.ts': leaf,
    });
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });

  it('keeps each feature to its folder: the secret entry is shared, the session composes', () => {
    const { violations } = cruise({
      'src/features/health/machine.ts': "export { value } from '../booking/machine';\n",
      'src/features/secret-entry/entry.ts': "export { value } from '../login/machine';\n",
      'src/features/login/machine.ts': "export { value } from '../secret-entry/entry';\n",
      'src/features/session/machine.ts': "export { value } from '../health/machine';\n",
      'src/features/booking/machine.ts': "export { value } from '../../machines/flow';\n",
      'src/machines/flow.ts': leaf,
    });
    expect(violations).toEqual([
      'features-stand-apart: src/features/health/machine.ts → src/features/booking/machine.ts',
      'features-stand-apart: src/features/secret-entry/entry.ts → src/features/login/machine.ts',
    ]);
  });
});

// `npm start`: installs the npm packages when they are missing (no apt packages: the simulated
// card lives in the bridge, no pcscd), then runs scripts/start-demo.ts (build, bridge on the
// simulator backend, platform simulator, the app on http://127.0.0.1:8080). SIGINT and SIGTERM are
// passed on to it, so stopping `npm start` (a terminal, systemd, a container) stops what it started.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
if (!fs.existsSync(tsx)) {
  console.log('madoguchi: npm ci …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}
const demo = spawn(tsx, [path.join(root, 'scripts/start-demo.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

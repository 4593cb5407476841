/**
 * `npm start` (after scripts/start.js made sure node_modules is there): builds the TV app, starts
 * the card bridge on its simulator backend and the platform simulator, serves the app on
 * http://127.0.0.1:8080, and reads card commands from the terminal (insert / remove / scenario).
 * No pcscd, no apt packages: the simulated card lives inside the bridge.
 * Like a box, it makes a fresh bridge token for each start (MADOGUCHI_BRIDGE_TOKEN sets one), hands
 * it to the bridge in its environment (never on a command line) and prints the app's launch URL
 * with it in the fragment: the app takes it from there and removes it from the address.
 * It runs as well without a terminal (systemd, nohup, a CI step, a container): standard input at its
 * end leaves it serving until SIGINT or SIGTERM, which stop everything it started. Ports:
 * MADOGUCHI_APP_PORT (8080), MADOGUCHI_BRIDGE_PORT (9930), MADOGUCHI_PLATFORM_PORT (8787),
 * MADOGUCHI_DIGITAL_AUTH_APP_PORT (8789); a port in use stops it before anything starts, naming the
 * process that holds it.
 * The demo card is one card kept in .tmp/demo-cards (the same card at every start, so its
 * registration holds), and the simulated デジタル認証アプリ beside the platform holds that card "on
 * the phone": MADOGUCHI_NO_READER=1 makes the bridge serve no reader, so the TV offers
 * 「スマートフォンでログイン」 and the same viewer logs in through the phone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import WebSocket from 'ws';
import { BridgeClient, SimulatorControls } from '../src/card';
import { serveStatic } from '../e2e/harness/static-server';
import { busyPortMessage, portIsFree } from './port-holder';
import specKeyMap from '../stb-spec/key-map.json';
import { BRIDGE_TOKEN_FRAGMENT_KEY } from '../stb-spec/protocol/names';
import { DEMO_HOLDERS, loadOrCreateTestPki } from '../mocks/pki';
import { prepareCardState } from '../mocks/virtual-card/card-setup';
import { parseScenario } from '../mocks/virtual-card/scenarios';

const ROOT = path.resolve(__dirname, '..');
const APP_PORT = Number(process.env.MADOGUCHI_APP_PORT ?? 8080);
const BRIDGE_PORT = Number(process.env.MADOGUCHI_BRIDGE_PORT ?? 9930);
const PLATFORM_PORT = Number(process.env.MADOGUCHI_PLATFORM_PORT ?? 8787);
const DIGITAL_AUTH_APP_PORT = Number(process.env.MADOGUCHI_DIGITAL_AUTH_APP_PORT ?? 8789);
/** A box without a card reader: the bridge serves only a reader it does not have. */
const NO_READER = process.env.MADOGUCHI_NO_READER === '1';
const NOT_FITTED_READER = 'Madoguchi Reader Not Fitted 00';
/** The demo card's state (the bridge's `normal` card), also the card held to the phone. */
const DEMO_CARDS = path.join('.tmp', 'demo-cards');
const PHONE_CARD = path.join(DEMO_CARDS, 'card-normal.json');
const PINS = { auth: '1234', sign: 'ABC123' };
const ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** Read by mocks/dev-bridge/cli.ts (not imported: it loads the PC/SC driver). */
const TOKEN_ENV = 'MADOGUCHI_BRIDGE_TOKEN';
/** 32 random bytes, base64url (43 characters), unless one is given. */
const TOKEN = process.env[TOKEN_ENV] || randomBytes(32).toString('base64url');
/** The platform's simulator controls (/__simulator/), read by mocks/platform/cli.ts. */
const SIMULATOR_TOKEN_ENV = 'MADOGUCHI_SIMULATOR_TOKEN';
const SIMULATOR_TOKEN = process.env[SIMULATOR_TOKEN_ENV] || randomBytes(32).toString('base64url');
const LAUNCH_URL = `${ORIGIN}/#${BRIDGE_TOKEN_FRAGMENT_KEY}=${encodeURIComponent(TOKEN)}`;
const children: ChildProcess[] = [];

const start = (name: string, args: string[], readyText: RegExp, env: NodeJS.ProcessEnv = process.env) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(TSX, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyText.test(output)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${output}`)), 60_000).unref();
  });

/** Stops every child and waits for it (SIGTERM, then SIGKILL after 5 s): nothing outlives npm start. */
async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Every port free before anything starts, or one message per port in use naming its holder. */
async function checkPorts(): Promise<void> {
  const ports: Array<[number, string, string]> = [
    [APP_PORT, 'アプリ / the app', 'MADOGUCHI_APP_PORT=8081 npm start'],
    [BRIDGE_PORT, 'カードのブリッジ / the card bridge', 'MADOGUCHI_BRIDGE_PORT=9931 npm start'],
    [
      PLATFORM_PORT,
      '模擬プラットフォーム / the platform simulator',
      'MADOGUCHI_PLATFORM_PORT=8788 npm start',
    ],
    [
      DIGITAL_AUTH_APP_PORT,
      '模擬デジタル認証アプリ / the simulated digital auth app',
      'MADOGUCHI_DIGITAL_AUTH_APP_PORT=8790 npm start',
    ],
  ];
  const busy: string[] = [];
  for (const [port, what, move] of ports)
    if (!(await portIsFree(port))) busy.push(busyPortMessage(port, what, move));
  if (busy.length) throw new Error(busy.join('\n'));
}

/** The development build's settings.json with the ports of this start (when they are not the defaults). */
function settingsForPorts(): string {
  const settings = JSON.parse(readFileSync(path.join(ROOT, 'dist/app/settings.json'), 'utf8')) as {
    platformUrl: string;
    bridge: { url: string };
  };
  settings.platformUrl = `http://127.0.0.1:${PLATFORM_PORT}`;
  settings.bridge.url = `ws://127.0.0.1:${BRIDGE_PORT}/jsonrpc`;
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** How to open the URL on this machine: WPE (cog) when it is installed, else any browser. */
const howToOpen = (): string =>
  spawnSync('sh', ['-c', 'command -v cog'], { encoding: 'utf8' }).status === 0
    ? `  WPE: cog '${LAUNCH_URL}'`
    : '  (WPE の cog はこの機械にありません。Chromium や Firefox で開いてください / no WPE (cog) here: open it in Chromium or Firefox)';

/** One line per key of the spec's key map: its label and the DOM key values that stand for it. */
const remoteKeys = (): string => {
  const digits = specKeyMap.keys.filter((entry) => entry.name.startsWith('digit'));
  const lines = specKeyMap.keys
    .filter((entry) => !digits.includes(entry))
    .map((entry) => `    ${entry.label}  ${entry.events.map((event) => event.key).join(', ')}`);
  const digitKeys = digits.flatMap((entry) => entry.events.map((event) => event.key));
  lines.push(`    数字 / digits  ${digitKeys[0]}–${digitKeys.at(-1)} (テンキーも / the keypad too)`);
  return lines.join('\n');
};

const HELP = `
  窓口 madoguchi — このアドレスを WPE / Chromium / Firefox で開いてください / open this in a browser:

    ${LAUNCH_URL}
${howToOpen()}

  (# のあとはカード読み取り機の合言葉です。アプリが読み取ってアドレスから消します。
   ${ORIGIN} だけを開くと「アプリを開き直してください」と出ます。
   After # is the card bridge's token: the app takes it and removes it from the address.
   ${ORIGIN} alone shows "Please reopen the app".)

  リモコンのキー / the remote's keys (stb-spec/key-map.json; a keyboard sends the same key values):
${remoteKeys()}
    色キー / colour keys: 赤 ヘルプ / red help · 緑 もう一度聞く / green repeat · 青 English / 日本語 (blue)
    (キーボードに色キーはありません / a keyboard has no colour keys)

  模擬カード / the simulated card (type here, then Enter):
    i [scenario]   カードを差す / insert (default normal)
    r              カードを抜く / remove
    s              いまのカードとシナリオ一覧 / current card and scenarios
    reset          模擬プラットフォームを初期化（登録・予約・お知らせ・住所変更を消す）/ reset the platform (links, bookings, notices, address changes)
    q              終了 / quit
  シナリオ / scenarios: normal, last-try, locked, expired, revoked, not-my-number-card, removal-after-N …
  スマートフォンでログイン / log in with the phone: ${
    NO_READER
      ? "読み取り機なしの箱です。画面の QR コードのアドレスを開き、模擬デジタル認証アプリで暗証番号 1234 / a box without a reader: open the QR code's address, PIN 1234 in the simulated app"
      : 'MADOGUCHI_NO_READER=1 npm start で読み取り機なしの箱になります / MADOGUCHI_NO_READER=1 npm start for a box without a reader'
  }
    （電話に当てたカードは「normal」のカードです。先にカードで登録してください / the card held to the phone is the normal card: register it with the card first）
  暗証番号 / PIN 1234 · 署名用パスワード / signature password ABC123 ·
  初回登録のお客様番号 / customer number for first-time registration: 10010001
`;

/** The platform simulator forgets links, sessions and bookings (its control token, not the app's). */
async function resetPlatform(): Promise<void> {
  const answer = await fetch(`http://127.0.0.1:${PLATFORM_PORT}/__simulator/reset`, {
    method: 'POST',
    headers: { 'X-Simulator-Token': SIMULATOR_TOKEN },
  });
  if (answer.status !== 204) throw new Error(`platform reset answered ${answer.status}`);
  console.log('  初期化しました / reset');
}

async function main() {
  await checkPorts();
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-app.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed');
  // The demo card made (or read) before the bridge and the platform start: both hold the same card.
  const pkiDir = path.join(ROOT, '.tmp', 'test-pki');
  await prepareCardState({
    pki: await loadOrCreateTestPki(pkiDir),
    pkiDir,
    scenario: parseScenario('normal'),
    pins: PINS,
    holder: DEMO_HOLDERS[0]!,
    stateFile: path.join(ROOT, PHONE_CARD),
  });
  const common = ['--allow-origin', ORIGIN];
  await start(
    'bridge',
    [
      'mocks/dev-bridge/cli.ts',
      '--backend',
      'simulator',
      '--port',
      String(BRIDGE_PORT),
      '--no-card',
      '--state-dir',
      DEMO_CARDS,
      ...(NO_READER ? ['--reader', NOT_FITTED_READER] : []),
      ...common,
    ],
    /listening/,
    { ...process.env, [TOKEN_ENV]: TOKEN },
  );
  await start(
    'platform',
    [
      'mocks/platform/cli.ts',
      '--port',
      String(PLATFORM_PORT),
      '--simulator-controls',
      // Notices, bookings and address changes survive a restart of the demo.
      '--data',
      path.join('.tmp', 'platform-data'),
      '--digital-auth-app-port',
      String(DIGITAL_AUTH_APP_PORT),
      '--phone-card',
      PHONE_CARD,
      ...common,
    ],
    /listening|127\.0\.0\.1:\d+/,
    { ...process.env, [SIMULATOR_TOKEN_ENV]: SIMULATOR_TOKEN },
  );
  const server = await serveStatic(path.join(ROOT, 'dist/app'), APP_PORT, {
    '/settings.json': settingsForPorts,
  });
  console.log(HELP);

  const client = new BridgeClient({
    url: `ws://127.0.0.1:${BRIDGE_PORT}/jsonrpc`,
    token: TOKEN,
    WebSocket: class extends WebSocket {
      constructor(url: string) {
        super(url, { headers: { Origin: ORIGIN } });
      }
    } as never,
  });
  client.start();
  const controls = new SimulatorControls(client);
  const commands = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: 'madoguchi> ',
  });
  let quitting = false;
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    client.close();
    await server.close();
    await stopAll();
    console.log('  止めました / stopped');
    process.exit(0);
  };
  commands.prompt();
  commands.on('line', async (line) => {
    const [command, argument] = line.trim().split(/\s+/);
    try {
      if (command === 'i') await controls.insertCard(argument || 'normal');
      else if (command === 'r') await controls.removeCard();
      else if (command === 's') console.log(await controls.getScenario());
      else if (command === 'reset') await resetPlatform();
      else if (command === 'q') return quit();
      else if (command) console.log(HELP);
      if (command === 'i' || command === 'r')
        console.log(command === 'i' ? '  カードを差しました / inserted' : '  カードを抜きました / removed');
    } catch (error) {
      console.log(`  できませんでした / failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    commands.prompt();
  });
  // No terminal, or its end (systemd, nohup, a CI step, Ctrl+D): keep serving until a signal.
  commands.on('close', () => {
    if (!quitting)
      console.log(
        '\n  入力がありません。Ctrl+C（SIGINT）か SIGTERM で止まります / no more input: serving until SIGINT or SIGTERM',
      );
  });
  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
}

main().catch((error) => {
  console.error(
    `madoguchi: npm start failed / 起動できませんでした\n${error instanceof Error ? error.message : error}`,
  );
  void stopAll().then(() => process.exit(1));
});

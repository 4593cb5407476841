/**
 * `npm start` as a service: with its standard input at end-of-file (systemd, nohup, a CI step) it
 * keeps serving until SIGTERM, then stops everything it started; a port in use stops it before
 * anything starts, naming the process that holds the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { formAction, hiddenField, PhoneBrowser } from '../mocks/digital-auth-app/testing/phone-browser';
import { busyPortMessage, portHolder, portIsFree } from './port-holder';

const REPO = path.resolve(__dirname, '..');
jest.setTimeout(120_000);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(env: Record<string, string>): Started {
  // stdin 'ignore' is /dev/null: at end-of-file from the start, as under systemd or nohup.
  const child = spawn(process.execPath, [path.join(REPO, 'scripts/start.js')], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function waitFor(started: Started, pattern: RegExp, ms = 90_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 200) {
    if (pattern.test(started.output())) return;
    if (started.child.exitCode !== null) throw new Error(`npm start exited:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${pattern} within ${ms} ms:\n${started.output()}`);
}

/**
 * The readerless login of the dev setup: a TV's login code, the phone page's 「マイナンバーカードで
 * ログインする」, and the simulated デジタル認証アプリ on its port asking for the PIN of the demo card
 * held to the phone (a phone without a card would be told so instead).
 */
async function phoneReachesTheAppsPinScreen(platformPort: number, appPort: number): Promise<void> {
  const started = await fetch(`http://127.0.0.1:${platformPort}/v1/pairing/device-authorizations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'madoguchi-cable-tokyo',
      box_id: 'npm-start-box-without-reader',
      box_name: 'テレビ',
      scope: 'login',
    }).toString(),
  });
  expect(started.status).toBe(200);
  const { verification_uri_complete: link } = (await started.json()) as { verification_uri_complete: string };
  const browser = new PhoneBrowser();
  const page = await browser.open(link);
  const form = { code: hiddenField(page.html, 'code'), csrf: hiddenField(page.html, 'csrf') };
  const screen = await browser.open(formAction(page.html, '/pair', page.url), { ...form, decision: 'login' });
  expect(screen.url.startsWith(`http://127.0.0.1:${appPort}/`)).toBe(true);
  expect(screen.status).toBe(200);
  expect(screen.html).toContain('暗証番号（数字4桁）');
}

describe('npm start without a terminal', () => {
  it('keeps serving at end of input (the phone login ready beside it), and SIGTERM stops everything it started', async () => {
    const ports = {
      app: await freePort(),
      bridge: await freePort(),
      platform: await freePort(),
      phoneApp: await freePort(),
    };
    const started = npmStart({
      MADOGUCHI_APP_PORT: String(ports.app),
      MADOGUCHI_BRIDGE_PORT: String(ports.bridge),
      MADOGUCHI_PLATFORM_PORT: String(ports.platform),
      MADOGUCHI_DIGITAL_AUTH_APP_PORT: String(ports.phoneApp),
      MADOGUCHI_NO_READER: '1',
    });
    try {
      await waitFor(started, /serving until SIGINT or SIGTERM/);
      expect(started.output()).toMatch(
        new RegExp(`http://127\\.0\\.0\\.1:${ports.app}/#bridgeToken=[A-Za-z0-9_-]{43}`),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const page = await fetch(`http://127.0.0.1:${ports.app}/`);
      expect(page.status).toBe(200);
      const settings = (await (await fetch(`http://127.0.0.1:${ports.app}/settings.json`)).json()) as {
        platformUrl: string;
        bridge: { url: string };
      };
      expect(settings).toMatchObject({
        platformUrl: `http://127.0.0.1:${ports.platform}`,
        bridge: { url: `ws://127.0.0.1:${ports.bridge}/jsonrpc` },
      });
      for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(false);
      await phoneReachesTheAppsPinScreen(ports.platform, ports.phoneApp);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  });

  it('names the port in use and what holds it, and starts nothing', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      expect(portHolder(port)).toMatchObject({ pid: process.pid });
      expect(busyPortMessage(port, 'the app', 'MADOGUCHI_APP_PORT=8081 npm start')).toContain(
        `port ${port} (the app) is in use by pid ${process.pid}`,
      );
      const started = npmStart({ MADOGUCHI_APP_PORT: String(port) });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(`port ${port}`);
      expect(started.output()).toContain(`pid ${process.pid}`);
      expect(started.output()).not.toContain('built ');
    } finally {
      holder.close();
    }
  });
});

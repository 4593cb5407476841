/**
 * `npm start` as a service: with its standard input at end-of-file (systemd, nohup, a CI step) it
 * keeps serving until SIGTERM, then stops everything it started; a port in use stops it before
 * anything starts, naming the process that holds the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
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

describe('npm start without a terminal', () => {
  it('keeps serving at end of input, and SIGTERM stops everything it started', async () => {
    const ports = { app: await freePort(), bridge: await freePort(), platform: await freePort() };
    const started = npmStart({
      MADOGUCHI_APP_PORT: String(ports.app),
      MADOGUCHI_BRIDGE_PORT: String(ports.bridge),
      MADOGUCHI_PLATFORM_PORT: String(ports.platform),
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

/**
 * The bridge bench's memory half: the production bundle (`npm run bridge:bundle`) under plain
 * `node` with the node options of the systemd unit's ExecStart, as a box starts it, with the pcsc backend on the bench's vpcd reader. Its
 * resident set idle, then after each of `--card-cycles` cycles of a real app's card work: the card
 * in, readCertificate, sign (correct PIN: no try spent), the card out. Needs pcscd with vpcd.
 */
import { createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { bundleBridge, BUNDLE_NAME } from '../native-bridge/service/bundle';
import { JSONRPC_PATH, stableReaderName, type Status } from '../stb-spec/protocol';
import type { BenchContext } from './card';
import { AUTH_PIN, CardRig } from './card-rig';
import { BridgeClient, startLoggedChild, type LoggedChild } from './bridge-rig';
import { bundleMemory, nodeFlagsOf, type BundleMemory } from './bundle-memory-report';
import { parseUnitFile, unitValue } from '../native-bridge/service/systemd-unit';
import { readRssKb } from './proc-memory';
import { median } from './report';

const ORIGIN = 'http://127.0.0.1:8080';
const STATE_TIMEOUT_MS = 15_000;
const IDLE_SAMPLES = 5;
const IDLE_SETTLE_MS = 15_000;
const UNIT_FILE = path.resolve(__dirname, '..', 'deploy', 'systemd', 'madoguchi-bridge.service');

export async function measureBundleMemory(context: BenchContext, tempDir: string): Promise<BundleMemory> {
  const { cleanup, progress } = context;
  progress('bridge: building the production bundle (npm run bridge:bundle)');
  const { bundle } = await bundleBridge(path.join(tempDir, 'bundle'));
  const rig = await CardRig.start({
    readerName: context.readerName,
    vpcdPort: context.vpcdPort,
    cleanup,
  });
  const token = randomBytes(24).toString('base64url');
  const config = path.join(tempDir, 'bridge.json');
  writeFileSync(
    config,
    JSON.stringify({
      port: await freePort(),
      allowedOrigins: [ORIGIN],
      token,
      backend: 'pcsc',
      readers: [stableReaderName(context.readerName)],
      statusFile: path.join(tempDir, 'status.json'),
      logLevel: 'info',
    }),
  );
  const execStart = unitValue(parseUnitFile(readFileSync(UNIT_FILE, 'utf8')), 'Service', 'ExecStart') ?? '';
  const flags = nodeFlagsOf(execStart, BUNDLE_NAME);
  const args = [...flags, bundle, '--config', config, '--last-good', path.join(tempDir, 'last-good.json')];
  progress('bridge: starting the bundle under plain node (pcsc backend)');
  const child = await startBundle(args, path.join(tempDir, 'bundle.log'), context);
  const client = await BridgeClient.connect(
    `ws://127.0.0.1:${child.port}${JSONRPC_PATH}?token=${token}`,
    ORIGIN,
  );
  cleanup.add('close the bundle’s WebSocket', () => client.close());
  await client.keepWithinLimits();
  const cardIn = (status: Status) => status.readers.find((r) => r.card !== 'absent')?.card;
  await waitForStatus(client, (status) => status.readers.length === 1 && !cardIn(status), 'the empty reader');

  // Idle as a box's bridge idles between viewers: V8's memory reducer shrinks the heap and flushes
  // start-up bytecode after some seconds without calls (1 s after start the figure is ~2 MiB higher).
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const idle: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    idle.push(readRssKb(child.pid));
    await new Promise((resolve) => setTimeout(resolve, 1000 / IDLE_SAMPLES));
  }
  const idleKb = median(idle);
  const samples = [idleKb];
  const certificate = Buffer.from(rig.credentials.authCertificate);
  const publicKey = new X509Certificate(certificate).publicKey;
  for (let cycle = 1; cycle <= context.cardCycles; cycle++) {
    await rig.insert();
    const status = await waitForStatus(client, (s) => cardIn(s) === 'present', 'the card to be present');
    const cardId = status.cardId;
    const read = await client.call('readCertificate', { slot: 'auth', ...(cardId && { cardId }) });
    if (!Buffer.from(read.der, 'base64').equals(certificate)) {
      throw new Error('readCertificate: not the card’s auth certificate');
    }
    const challenge = randomBytes(32);
    const digest = createHash('sha256').update(challenge).digest('base64');
    await client.paced();
    const signed = await client.call('sign', {
      key: 'auth',
      pin: AUTH_PIN,
      hash: 'SHA-256',
      digest,
      ...(cardId && { cardId }),
    });
    if (!verify('sha256', challenge, publicKey, Buffer.from(signed.signature, 'base64'))) {
      throw new Error('sign: the signature does not verify with the auth certificate’s key');
    }
    // As an app does next; it also waits for the card's reset after the PIN (the bridge's next call
    // does): a vpcd card pulled during that reset can stay "mute" in pcscd until the next insertion.
    await client.paced();
    await client.call('getPinStatus', { pin: 'auth', ...(cardId && { cardId }) });
    await rig.remove();
    await waitForStatus(client, (s) => s.readers.length === 1 && !cardIn(s), 'the card to be out');
    if (rig.authTriesLeft !== 3) throw new Error('a cycle spent an auth PIN try');
    samples.push(readRssKb(child.pid));
    if (cycle % 10 === 0 || cycle === context.cardCycles) {
      progress(
        `bridge: bundle card cycle ${cycle}/${context.cardCycles}: RSS ${(samples.at(-1)! / 1024).toFixed(1)} MiB`,
      );
    }
  }
  const peakKb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
  client.close();
  await child.stop();
  const commandLine = ['node', ...flags, BUNDLE_NAME, '--config bridge.json --last-good TEMP'].join(' ');
  return bundleMemory(commandLine, idleKb, samples, peakKb);
}

/** getStatus, at an app's pace, until `done` holds. */
async function waitForStatus(client: BridgeClient, done: (status: Status) => boolean, what: string) {
  const deadline = performance.now() + STATE_TIMEOUT_MS;
  for (;;) {
    await client.paced();
    const status = await client.call('getStatus');
    if (done(status)) return status;
    if (performance.now() > deadline) {
      const seen = status.readers.map((r) => `${r.name}: ${r.card}`).join(', ') || 'no reader';
      throw new Error(`the bundle did not report ${what} within ${STATE_TIMEOUT_MS / 1000} s (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Node with the unit's options, no NODE_OPTIONS (the unit unsets it); stdout (its JSON log) to a file. */
function startBundle(args: string[], logFile: string, context: BenchContext): Promise<LoggedChild> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.NODE_OPTIONS;
  return startLoggedChild({
    name: 'bundle',
    failure: 'ブリッジ (bundle) を起動できません / the bundle did not start',
    args,
    logFile,
    spawnOptions: { env },
    stopTimeoutMs: 5000,
    cleanup: context.cleanup,
  });
}

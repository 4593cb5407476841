/**
 * The service's messages to systemd through the real systemd-notify, received by a datagram socket
 * that stands in for systemd's (python3, as Node has no AF_UNIX datagram socket): READY with a
 * status, watchdog pings only while the bridge is healthy, STOPPING; and nothing without systemd.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemdManager } from './systemd-notify';

const LISTENER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    print(s.recv(4096).decode().strip().replace("\\n", " "), flush=True)
`;

let listener: ChildProcess;
let socketPath: string;
const received: string[] = [];

beforeAll(async () => {
  socketPath = join(mkdtempSync(join(tmpdir(), 'notify-')), 'notify.sock');
  listener = spawn('python3', ['-c', LISTENER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: listener.stdout! });
  await new Promise<void>((resolve) => {
    lines.on('line', (line) => (line === 'listening' ? resolve() : received.push(line)));
  });
});

afterAll(() => listener.kill());

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`not within 10 s: ${what} (received ${JSON.stringify(received)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('says READY with its status, pings the watchdog only while healthy, and says STOPPING', async () => {
  const manager = systemdManager({ ...process.env, NOTIFY_SOCKET: socketPath, WATCHDOG_USEC: '200000' })!;
  manager.ready('serving on 127.0.0.1:9930');
  await until(() => received.some((m) => m.includes('READY=1')), 'READY=1');
  expect(received.find((m) => m.includes('READY=1'))).toContain('STATUS=serving on 127.0.0.1:9930');

  let healthy = true;
  const stop = manager.startWatchdog(() => healthy);
  await until(() => received.filter((m) => m === 'WATCHDOG=1').length >= 2, 'two pings');
  healthy = false;
  await new Promise((resolve) => setTimeout(resolve, 600)); // let a ping already sent arrive
  const pings = received.filter((m) => m === 'WATCHDOG=1').length;
  await new Promise((resolve) => setTimeout(resolve, 600)); // six intervals of 100 ms
  expect(received.filter((m) => m === 'WATCHDOG=1')).toHaveLength(pings);
  stop();

  manager.stopping();
  await until(() => received.includes('STOPPING=1'), 'STOPPING=1');
}, 20_000);

it('without NOTIFY_SOCKET (not started by systemd) there is nothing to tell', () => {
  const env = { ...process.env };
  delete env.NOTIFY_SOCKET;
  expect(systemdManager(env)).toBeUndefined();
});

it('pings only when it is the process systemd watches (WATCHDOG_PID), not a child that inherited it', () => {
  // Fake timers: the count must not depend on how busy the machine running the test is.
  jest.useFakeTimers();
  try {
    const pingsFor = (watchdogPid: number) => {
      const sent: string[][] = [];
      const manager = systemdManager(
        { NOTIFY_SOCKET: '/run/notify', WATCHDOG_USEC: '20000', WATCHDOG_PID: String(watchdogPid) },
        (args) => sent.push(args),
      )!;
      const stop = manager.startWatchdog(() => true);
      jest.advanceTimersByTime(100); // ten intervals of 10 ms (half of WATCHDOG_USEC)
      stop();
      jest.advanceTimersByTime(100); // stopped: no more
      return sent.length;
    };
    expect(pingsFor(process.pid)).toBe(10);
    expect(pingsFor(process.pid + 1)).toBe(0);
  } finally {
    jest.useRealTimers();
  }
});

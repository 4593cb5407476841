/**
 * The box service's word to systemd (`Type=notify`): READY=1 once the bridge listens, then
 * WATCHDOG=1 at half the unit's `WatchdogSec` for as long as the event loop turns and the bridge
 * serves. A bridge wedged in native code (a PC/SC call that never returns on the main thread) stops
 * pinging, and systemd restarts it.
 *
 * Node has no AF_UNIX datagram socket, so each message goes through `systemd-notify`, which waits
 * until systemd has read it (systemd ≥ 246): the sender is still alive then, so `NotifyAccess=all`
 * can attribute it to this service.
 */
import { spawn } from 'node:child_process';

export type Notify = (args: string[]) => void;

export interface ServiceManager {
  ready(status: string): void;
  stopping(): void;
  /** Pings while `healthy()` says so; returns the function that stops the pings. */
  startWatchdog(healthy: () => boolean): () => void;
}

/** systemd-notify with NOTIFY_SOCKET from `env`; its result is the message having been read. */
const systemdNotify =
  (env: NodeJS.ProcessEnv): Notify =>
  (args) => {
    const child = spawn('systemd-notify', args, { stdio: 'ignore', env });
    // A missing systemd-notify must not stop the bridge: without pings systemd restarts it, and says why.
    child.on('error', () => undefined);
  };

/** The service manager when systemd started us with NOTIFY_SOCKET; undefined otherwise. */
export function systemdManager(
  env: NodeJS.ProcessEnv = process.env,
  notify: Notify = systemdNotify(env),
): ServiceManager | undefined {
  if (!env.NOTIFY_SOCKET) return undefined;
  const watchdogUs = Number(env.WATCHDOG_USEC);
  // WATCHDOG_PID names the process systemd watches; a child that inherited the variable is not it.
  const watched = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === process.pid;
  return {
    ready: (status) => notify(['--ready', `--status=${status}`]),
    stopping: () => notify(['STOPPING=1']),
    startWatchdog(healthy) {
      if (!watched || !Number.isFinite(watchdogUs) || watchdogUs <= 0) return () => undefined;
      const timer = setInterval(() => {
        if (healthy()) notify(['WATCHDOG=1']);
      }, watchdogUs / 2000);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

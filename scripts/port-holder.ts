/**
 * Which process listens on a loopback TCP port, from the kernel's own tables: /proc/net/tcp(6) gives
 * the listening socket's inode, /proc/<pid>/fd the process holding it. For messages such as "port
 * 8080 is held by node (pid 1234)"; undefined fields where this user may not look.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** Whether 127.0.0.1:port can be bound now. */
export const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1 (ADDR:PORT), st field 3 (0A = LISTEN), inode field 9.
      if (fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`) && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** The process listening on `port`: its pid and command, as far as /proc shows them. */
export function portHolder(port: number): { pid?: number; command?: string } {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return {};
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        let command: string | undefined;
        try {
          command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        } catch {
          command = undefined;
        }
        return { pid: Number(pid), ...(command ? { command } : {}) };
      }
    }
  }
  return {};
}

/** "port 8080 (the app) is in use by pid 1234: node server.js — stop it, or …", in both languages. */
export function busyPortMessage(port: number, what: string, howToMove: string): string {
  const { pid, command } = portHolder(port);
  const holder = pid ? `pid ${pid}${command ? `: ${command.slice(0, 120)}` : ''}` : '(不明 / unknown)';
  return (
    `ポート ${port}（${what}）は使用中です: ${holder}。そのプロセスを止めるか、${howToMove} / ` +
    `port ${port} (${what}) is in use by ${holder}: stop it, or ${howToMove}`
  );
}

/**
 * How many bytes of one loopback TCP connection the kernel holds (Linux): what the receiving socket
 * has not yet read (`rx_queue` in /proc/net/tcp) and what the sending socket has not yet had
 * acknowledged (`tx_queue`). CK-68 subtracts them from what it made the bridge send, so what is left
 * is what the bridge itself queues (BR-TRN-11). Where a socket is not visible (the bridge in another
 * network namespace, the kit on another host), the most the kernel lets a socket hold stands in.
 */
import { readFileSync } from 'node:fs';

export interface KernelHeld {
  /** Bytes the kernel holds for the connection, as far as it could be measured. */
  measured: number;
  /** The most the sockets it could not see may hold (0 when both were found). */
  unseenAtMost: number;
  /** What was and was not seen, for the report. */
  how: string;
}

interface Row {
  localPort: number;
  remotePort: number;
  txQueue: number;
  rxQueue: number;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The rows of /proc/net/tcp and /proc/net/tcp6 (ports and queues in hex). */
export function tcpRows(tables = [read('/proc/net/tcp'), read('/proc/net/tcp6')]): Row[] {
  const rows: Row[] = [];
  for (const table of tables) {
    for (const line of (table ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 5) continue;
      const port = (address: string) => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
      const [tx, rx] = fields[4]!.split(':').map((hex) => parseInt(hex, 16));
      rows.push({ localPort: port(fields[1]!), remotePort: port(fields[2]!), txQueue: tx!, rxQueue: rx! });
    }
  }
  return rows;
}

function sysctl(name: string): number[] | undefined {
  const text = read(`/proc/sys/net/${name}`);
  if (text === undefined) return undefined;
  const values = text.trim().split(/\s+/).map(Number);
  return values.every(Number.isFinite) ? values : undefined;
}

/**
 * The most one socket may hold, each way: a send buffer grows up to tcp_wmem's maximum by itself, or
 * to twice net.core.wmem_max when the program sets SO_SNDBUF (the kernel doubles it); a receive
 * buffer that is never read stays at tcp_rmem's default (it grows only as the program reads), or up
 * to twice rmem_max if set. Null when the host does not say (not Linux).
 */
function socketBufferBounds(): { send: number; receive: number } | null {
  const wmem = sysctl('ipv4/tcp_wmem');
  const rmem = sysctl('ipv4/tcp_rmem');
  const wmemMax = sysctl('core/wmem_max')?.[0];
  const rmemMax = sysctl('core/rmem_max')?.[0];
  if (!wmem?.[2] || !rmem?.[1] || wmemMax === undefined || rmemMax === undefined) return null;
  return { send: Math.max(wmem[2], 2 * wmemMax), receive: Math.max(rmem[1], 2 * rmemMax) };
}

/**
 * What the kernel holds of the connection from `remote` (the bridge's port) to `local` (the kit's):
 * the kit's unread receive queue plus the bridge's unacknowledged send queue.
 */
export function kernelHeld(
  ports: { local: number; remote: number } | undefined,
  bounds = socketBufferBounds(),
  rows = tcpRows(),
): KernelHeld | undefined {
  const mine = ports && rows.find((r) => r.localPort === ports.local && r.remotePort === ports.remote);
  const theirs = ports && rows.find((r) => r.localPort === ports.remote && r.remotePort === ports.local);
  if ((!mine || !theirs) && !bounds) return undefined;
  const measured = (mine?.rxQueue ?? 0) + (theirs?.txQueue ?? 0);
  const unseenAtMost = (mine ? 0 : bounds!.receive) + (theirs ? 0 : bounds!.send);
  const how =
    mine && theirs
      ? 'both sockets seen in /proc/net/tcp'
      : `${mine ? 'the kit’s socket seen' : 'the kit’s socket not seen'}, ` +
        `${theirs ? 'the bridge’s seen' : 'the bridge’s not seen'}: up to ${unseenAtMost} bytes assumed for what was not`;
  return { measured, unseenAtMost, how };
}

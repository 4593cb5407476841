/** The kernel's share of a connection for CK-68, from /proc/net/tcp rows; and CK-68's ids. */
import { kernelHeld, tcpRows } from './socket-queues';
import { unreadId } from './cases/unread-output';

// Kit on port 0xA000 (40960), bridge on 0x26CA (9930); queues are tx:rx in hex.
const TABLE = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:26CA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0 0 1 1',
  '   1: 0100007F:A000 0100007F:26CA 01 00000000:00020000 00:00000000 00000000  0 0 2 1',
  '   2: 0100007F:26CA 0100007F:A000 01 003F0000:00000000 01:00000010 00000000  0 0 3 1',
].join('\n');
const ports = { local: 0xa000, remote: 0x26ca };
const bounds = { send: 8 << 20, receive: 256 << 10 };

it('adds the kit’s unread receive queue and the bridge’s unacknowledged send queue', () => {
  const rows = tcpRows([TABLE, undefined]);
  expect(rows).toHaveLength(3);
  expect(kernelHeld(ports, bounds, rows)).toEqual({
    measured: 0x20000 + 0x3f0000,
    unseenAtMost: 0,
    how: 'both sockets seen in /proc/net/tcp',
  });
});

it('counts the most a socket may hold for one it cannot see, and gives up when the host says nothing', () => {
  const mineOnly = tcpRows([TABLE.split('\n').slice(0, 3).join('\n')]);
  expect(kernelHeld(ports, bounds, mineOnly)).toMatchObject({ measured: 0x20000, unseenAtMost: 8 << 20 });
  expect(kernelHeld(undefined, bounds, [])).toMatchObject({
    measured: 0,
    unseenAtMost: (8 << 20) + (256 << 10),
  });
  expect(kernelHeld(ports, null, mineOnly)).toBeUndefined();
});

it('makes ids of the longest allowed length, in letters only (never a PIN in a log), all different', () => {
  const ids = [0, 1, 25, 26, 12_345, 26 ** 7 - 1].map(unreadId);
  for (const id of ids) expect(id).toMatch(/^[a-z-]{128}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

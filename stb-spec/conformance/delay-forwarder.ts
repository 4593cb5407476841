/**
 * For the kit's own tests: a TCP forwarder that holds every chunk for a while in each direction, as a
 * slow link would. Chunks keep their order and boundaries. The upgrade's Host naming the forwarder is
 * rewritten to name the bridge, so the bridge's Host check sees its own address.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Forwarder {
  port: number;
  close(): Promise<void>;
}

export async function startDelayForwarder(
  upstream: { host: string; port: number },
  delayMs: number,
): Promise<Forwarder> {
  const sockets = new Set<Socket>();
  let port = 0;
  const delayed = (from: Socket, to: Socket, rewriteHost: boolean) => {
    let head = rewriteHost;
    from.on('data', (chunk: Buffer) => {
      let out = chunk;
      if (head) {
        head = !chunk.includes('\r\n\r\n');
        const own = new RegExp(`^Host: (127\\.0\\.0\\.1|localhost):${port}\r$`, 'im');
        out = Buffer.from(chunk.toString('latin1').replace(own, `Host: $1:${upstream.port}\r`), 'latin1');
      }
      setTimeout(() => to.destroyed || to.write(out), delayMs);
    });
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    // A reset still lets the chunks already on the link arrive first (the bridge may answer 403
    // and reset at once): the far side is torn down after them, never before.
    const tearDown = () => setTimeout(() => to.destroy(), delayMs + 10);
    from.on('error', tearDown);
    from.on('close', tearDown);
  };
  const server: Server = createServer((client) => {
    const up = connect(upstream);
    for (const socket of [client, up]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    delayed(client, up, true);
    delayed(up, client, false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

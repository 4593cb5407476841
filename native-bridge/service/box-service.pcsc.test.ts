/**
 * The bundled bridge with the real PC/SC backend, confined like its systemd unit: the pcsclite addon
 * copied into dist/bridge/node_modules must load without the repository's node_modules, and the
 * unprivileged user must reach pcscd through its socket on the read-only view.
 */
import { call, startConfinedBridge, upgrade, type ConfinedBridge } from './test-sandbox';

describe('the bridge bundle on pcscd', () => {
  const origin = 'http://127.0.0.1:8080';
  let bridge: ConfinedBridge;

  beforeAll(async () => {
    bridge = await startConfinedBridge((port) => ({ port, allowedOrigins: [origin], backend: 'pcsc' }));
  }, 90_000);

  afterAll(() => bridge?.stop());

  it('lists the PC/SC readers through getStatus', async () => {
    const ws = await upgrade(bridge.port, origin);
    if (typeof ws === 'number') throw new Error(`upgrade refused with ${ws}`);
    const reply = (await call(ws, 'MyNumberCard.1.getStatus')) as { result: { readers: unknown[] } };
    ws.close();
    expect(reply.result.readers.length).toBeGreaterThan(0);
    expect(reply.result.readers[0]).toEqual({ name: expect.any(String), card: expect.any(String) });
  });
});

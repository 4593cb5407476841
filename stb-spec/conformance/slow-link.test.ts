/**
 * The BUSY case does not depend on timing: against the reference bridge behind a forwarder that
 * holds every chunk 20 ms each way, it passes every time (the whole kit on that link:
 * slow-link-kit.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORIGIN, startTestBridge } from '../../mocks/dev-bridge/test-bridge';
import { startDelayForwarder } from './delay-forwarder';
import { runConformance } from './kit';

const TOKEN = 'slow-link-token-0123456789abcdefghijklmnopq';

it('passes BUSY (CK-37) ten times in a row behind a 20 ms-each-way forwarder', async () => {
  const bridge = await startTestBridge({
    pkiDir: mkdtempSync(join(tmpdir(), 'madoguchi-conformance-slow-')),
    token: TOKEN,
  });
  await bridge.cards.settled();
  const forwarder = await startDelayForwarder(
    { host: '127.0.0.1', port: Number(new URL(bridge.url).port) },
    20,
  );
  try {
    const verdicts: string[] = [];
    for (let run = 0; run < 10; run++) {
      const report = await runConformance({
        url: `ws://127.0.0.1:${forwarder.port}/jsonrpc`,
        origin: ORIGIN,
        token: TOKEN,
        mode: 'simulator-controls',
        timeoutMs: 5_000,
        only: ['CK-37'],
        write: () => undefined,
      });
      verdicts.push(...report.results.map((r) => `${r.id} ${r.verdict}${r.reason ? `: ${r.reason}` : ''}`));
    }
    expect(verdicts).toEqual(Array.from({ length: 10 }, () => 'CK-37 passed'));
  } finally {
    await forwarder.close();
    await bridge.close();
  }
}, 120_000);

/**
 * The kit must fail every bridge bug it claims to catch: the reference bridge behind the fault proxy,
 * one injected fault per requirement of requirements.ts (faults.ts), and only the cases that cover
 * that requirement. A faithful proxy first shows that the proxy itself breaks nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBridge, type TestBridge } from '../../mocks/dev-bridge/test-bridge';
import { FOREIGN_READER } from '../../mocks/virtual-card/foreign-reader';
import { startFaultProxy, type Fault } from './fault-proxy';
import { back, is, result } from './fault-helpers';
import { FAULT_ORIGIN, FAULT_TOKEN, NOT_BY_PROXY, injectedFaults } from './faults';
import { timeoutFaults } from './faults-timeouts';
import type { ConformanceReport } from './kit';
import { CASE_REQUIREMENTS, EVERY_MESSAGE_REQUIREMENTS } from './requirements';
import { KNOWN_REFERENCE_BUGS, runKit, startBoxWithForeignReader } from './test-support';

let bridge: TestBridge;

beforeAll(async () => {
  bridge = await startBoxWithForeignReader(
    mkdtempSync(join(tmpdir(), 'madoguchi-conformance-faults-')),
    FAULT_TOKEN,
  );
});

afterAll(async () => {
  await bridge.close();
});

/** Cases that check `requirement` and can run against the simulator (the APDU check cannot). */
function casesCovering(requirement: string): string[] {
  // Checked on every message: the cases that provoke the faulty answers are enough.
  if (requirement === 'BR-RPC-10') return ['CK-25'];
  if (requirement === 'BR-ERR-2' || requirement === 'BR-ERR-3') return ['CK-32'];
  return Object.entries(CASE_REQUIREMENTS)
    .filter(([id, requirements]) => requirements.includes(requirement) && id !== 'CK-48')
    .map(([id]) => id);
}

async function throughProxy(
  fault: Fault,
  options: {
    only?: string[];
    exclude?: string[];
    mode?: 'none';
    changeTimeoutMs?: number;
    productionImage?: boolean;
  },
): Promise<ConformanceReport> {
  const proxy = await startFaultProxy(bridge.url, fault);
  try {
    return await runKit({
      url: proxy.url,
      origin: FAULT_ORIGIN,
      token: FAULT_TOKEN,
      mode: options.mode ?? 'simulator-controls',
      only: options.only,
      exclude: options.exclude,
      changeTimeoutMs: options.changeTimeoutMs,
      productionImage: options.productionImage,
      foreignReader: FOREIGN_READER,
    });
  } finally {
    await proxy.close();
  }
}

const faults = injectedFaults();

it('injects a fault for every requirement the kit claims, or says why a proxy cannot', () => {
  const claimed = new Set([...Object.values(CASE_REQUIREMENTS).flat(), ...EVERY_MESSAGE_REQUIREMENTS]);
  // The time-limit faults need the kit to be a slow card: timeouts.pcsc.test.ts runs them.
  const injected = new Set([...faults, ...timeoutFaults()].map((f) => f.requirement));
  const missing = [...claimed].filter((id) => !injected.has(id) && !NOT_BY_PROXY[id]);
  expect(missing).toEqual([]);
  expect([...injected].filter((id) => !claimed.has(id))).toEqual([]);
  for (const named of [
    'Origin compared by prefix',
    'Origin compared without case',
    'a missing token accepted',
  ])
    expect(faults.map((f) => f.bug)).toContain(named);
});

it('passes through a faithful proxy (the proxy breaks nothing)', async () => {
  // CK-68 meets the proxy's own bound (fault-proxy.ts), the one its fault raises.
  const report = await throughProxy({}, {});
  const failed = report.results.filter((r) => r.verdict === 'failed').map((r) => `${r.id}: ${r.reason}`);
  expect(failed).toEqual(Object.keys(KNOWN_REFERENCE_BUGS).map((id) => expect.stringMatching(`^${id}: `)));
  const production = await throughProxy({ hideSimulator: true }, { only: ['CK-55'], mode: 'none' });
  expect(production.results.map((r) => [r.id, r.verdict])).toEqual([['CK-55', 'passed']]);
  const image = await throughProxy({}, { only: ['CK-63'], mode: 'none', productionImage: true });
  expect(image.results.map((r) => [r.id, r.verdict, r.reason])).toEqual([['CK-63', 'passed', undefined]]);
  // The foreign reader was there all along: the bridge neither listed it nor sent its card an APDU.
  expect(report.results.find((r) => r.id === 'CK-62')?.verdict).toBe('passed');
  expect(bridge.foreign!.card.received).toEqual([]);
}, 240_000);

it('fails a bridge that hides the foreign reader and claims an allow-list, but classifies its card', async () => {
  // Serves every reader; the proxy makes it look like one with an allow-list from outside, so only
  // the foreign card's own APDU log can tell.
  const touching = await startTestBridge({
    pkiDir: mkdtempSync(join(tmpdir(), 'madoguchi-conformance-touch-')),
    token: FAULT_TOKEN,
    foreignCard: true,
  });
  await touching.cards.settled();
  const hidden: Fault = back((m, call) => {
    const status = (m.result ?? m.params) as { readers?: { name: string }[] } | undefined;
    if (Array.isArray(status?.readers))
      status.readers = status.readers.filter((r) => r.name !== FOREIGN_READER);
    if (is(call, 'getInfo') && m.result) (result(m).capabilities as string[]).push('readerAllowList');
    if (call?.params?.reader === FOREIGN_READER && m.error)
      m.error = { code: -32001, message: 'No smart card reader is connected' };
  });
  const proxy = await startFaultProxy(touching.url, hidden);
  try {
    const report = await runKit({
      url: proxy.url,
      origin: FAULT_ORIGIN,
      token: FAULT_TOKEN,
      mode: 'simulator-controls',
      only: ['CK-62'],
      foreign: { reader: FOREIGN_READER, apduCount: () => touching.foreign!.card.received.length },
    });
    expect(report.results.map((r) => [r.id, r.verdict])).toEqual([['CK-62', 'failed']]);
    expect(report.results[0]!.reason).toMatch(/received \d+ APDU\(s\)/);
  } finally {
    await proxy.close();
    await touching.close();
  }
}, 60_000);

it.each(faults.map((f) => [f.requirement, f.bug, f] as const))(
  'fails a bridge with %s broken: %s',
  async (requirement, _bug, { fault, mode, options }) => {
    const only =
      requirement === 'BR-SEC-23' ? ['CK-55'] : casesCovering(requirement).filter((id) => id !== 'CK-55');
    // A fault that hides a change makes the kit wait for it: the in-process simulator shows a real
    // change within milliseconds, so the full 10 s is not needed to see that it never comes.
    const report = await throughProxy(fault, { only, mode, changeTimeoutMs: 4_000, ...options });
    const failed = report.results.filter((r) => r.verdict === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(report.exitCode).toBe(1);
  },
  // CK-68 (BR-TRN-11) sends for about a minute before it may conclude.
  150_000,
);

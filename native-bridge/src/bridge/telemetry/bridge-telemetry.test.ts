/**
 * The bridge's telemetry from a real bridge (startBridge, simulator card, real WebSocket): what a
 * viewer's login and its mistakes show in the figures, and that nothing in the lines it writes,
 * or in the health file the service keeps, is personal data.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BRIDGE_FIGURES,
  telemetryProblems,
  type TelemetryRecord,
} from '../../../../stb-spec/protocol/telemetry';
import { personalDataIn } from '../../../../stb-spec/protocol/testing/personal-data';
import { openSimulator } from '../../../../mocks/dev-bridge/cli';
import { ORIGIN, RawClient } from '../../../../mocks/dev-bridge/test-bridge';
import { keepStatusFile } from '../../../service/health/status-file';
import { startBridge } from '../cli';
import { silentLogger } from '../logger';
import { signParams } from '../testing/bridge-per-test';
import { HandReaders } from '../testing/hand-readers';
import { CardService } from '../card-service';
import { BridgeTelemetry, MARKER_PREFIX } from './bridge-telemetry';

const TOKEN = 'Tk9_telemetry-Token-4821-abcdefXYZ';
const pkiDir = mkdtempSync(join(tmpdir(), 'madoguchi-telemetry-pki-'));

async function bridgeWithTelemetry() {
  const lines: string[] = [];
  const markers: string[] = [];
  const bridge = await startBridge(
    { port: 0, allowedOrigins: [ORIGIN], token: TOKEN, logLevel: 'warn', startsSinceBoot: 3 },
    openSimulator({ pkiDir, scenario: 'normal', pins: { auth: '1234', sign: 'ABC123' } }),
    (line) => lines.push(line),
    (line) => markers.push(line),
  );
  const url = `ws://127.0.0.1:${bridge.port}/jsonrpc?token=${TOKEN}`;
  return { bridge, lines, markers, url };
}

/** A client once the simulated card has been classified (the bridge checks it as it arrives). */
async function clientWithCard(url: string): Promise<RawClient> {
  const client = await RawClient.connect(url);
  for (;;) {
    const status = (await client.call('getStatus')).result as { cardId?: string };
    if (status.cardId !== undefined) return client;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const records = (lines: string[]): TelemetryRecord[] =>
  lines
    .filter((line) => line.includes('"event":"telemetry"'))
    .map((line) => (JSON.parse(line) as { record: TelemetryRecord }).record);

describe('bridge telemetry', () => {
  it('counts a login, a wrong PIN, a refused upgrade and the card, and says so in T2 markers', async () => {
    const { bridge, lines, markers, url } = await bridgeWithTelemetry();
    const client = await clientWithCard(url);
    await client.call('sign', signParams('1234'));
    await client.call('sign', signParams('9876'));
    await expect(RawClient.connect(url.replace(TOKEN, 'wrong-token-wrong-token-0'))).rejects.toThrow('403');
    client.close();
    await bridge.close();

    const [record] = records(lines);
    expect(telemetryProblems(record, BRIDGE_FIGURES)).toEqual([]);
    expect(record).toMatchObject({
      source: 'bridge',
      versions: { bridge: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      seq: 1,
      counts: {
        'bridge.calls': expect.any(Number),
        'bridge.error.PIN_INCORRECT': 1,
        'bridge.connections': 1,
        'bridge.upgrade.refused': 1,
        'bridge.reader.added': 1,
      },
      gauges: { 'bridge.startsSinceBoot': 3, 'bridge.readers': 1, 'bridge.readerService.up': 1 },
      latency: { 'bridge.sign.ms': { n: 1 } },
    });
    // The card was seen arriving: checking first, then a My Number Card.
    expect(record!.counts['bridge.card.present']).toBe(1);
    expect(markers).toContain(
      `madoguchi-bridge/${record!.versions.bridge} ${MARKER_PREFIX}bridge.error.PIN_INCORRECT:1`,
    );
    expect(markers).toContain(
      `madoguchi-bridge/${record!.versions.bridge} ${MARKER_PREFIX}bridge.startsSinceBoot:3`,
    );
  });

  it('counts a card pulled, and keeps the reader it was in', async () => {
    const { bridge, lines, url } = await bridgeWithTelemetry();
    const client = await clientWithCard(url);
    await client.call('MyNumberCardSimulator.1.removeCard');
    client.close();
    await bridge.close();
    const [record] = records(lines);
    expect(record!.counts['bridge.card.absent']).toBe(1);
    expect(bridge.telemetry.state()).toMatchObject({
      readers: 1,
      cards: { absent: 1 },
      readerService: 'running',
    });
  });

  it('counts the reader service going and coming back, not as readers pulled, and a reader unplugged', () => {
    const readers = new HandReaders();
    readers.put('Reader A 00 00');
    readers.put('Reader B 00 00');
    const telemetry = new BridgeTelemetry({ now: () => 0 });
    telemetry.watch(new CardService(readers));
    readers.service = 'unavailable';
    readers.change();
    expect(telemetry.state()).toMatchObject({ readerService: 'unavailable', readers: 2 });
    readers.service = 'running';
    readers.change();
    readers.unplug('Reader B 00 00');
    expect(telemetry.record()).toMatchObject({
      counts: {
        'bridge.reader.added': 2,
        'bridge.reader.removed': 1,
        'bridge.readerService.lost': 1,
        'bridge.readerService.back': 1,
      },
      gauges: { 'bridge.readers': 1, 'bridge.readerService.up': 1, 'bridge.startsSinceBoot': 1 },
    });
    expect(telemetry.state()).toEqual({
      readerService: 'running',
      readers: 1,
      cards: { absent: 1 },
      startsSinceBoot: 1,
    });
  });

  it('writes nothing personal: no PIN, token, card id, reader name or certificate in any line or the health file', async () => {
    const { bridge, lines, markers, url } = await bridgeWithTelemetry();
    const statusFile = join(mkdtempSync(join(tmpdir(), 'madoguchi-status-')), 'status.json');
    const stopStatus = keepStatusFile(statusFile, () => bridge.telemetry.state(), silentLogger);
    const client = await clientWithCard(url);
    const status = (await client.call('getStatus')).result as { cardId: string; readers: { name: string }[] };
    const der = ((await client.call('readCertificate', { slot: 'auth' })).result as { der: string }).der;
    await client.call('sign', signParams('1234'));
    await client.call('sign', signParams('9876'));
    await client.call('readSignCertificate', { pin: 'ABC123' });
    await client.call('readSignCertificate', { pin: 'XYZ789' });
    await client.call('MyNumberCardSimulator.1.removeCard');
    client.close();
    stopStatus();
    await bridge.close();

    const subject = new X509Certificate(Buffer.from(der, 'base64')).subject;
    const known = [
      TOKEN,
      status.cardId,
      status.readers[0]!.name,
      der.slice(0, 40),
      '1234',
      '9876',
      'ABC123',
      'XYZ789',
    ];
    known.push(
      ...subject
        .split('\n')
        .map((field) => field.split('=')[1]!)
        .filter((value) => value.length > 2),
    );
    // Every stdout line is JSON; the telemetry ones and every marker line are grepped.
    const telemetry = [...lines.filter((line) => JSON.parse(line).event === 'telemetry'), ...markers];
    expect(telemetry.length).toBeGreaterThan(5);
    expect(personalDataIn(telemetry, known)).toEqual([]);
    expect(personalDataIn([readFileSync(statusFile, 'utf8').trim()], known)).toEqual([]);
    // The grep would see a field that carried such data: the reader name and card id are in the log.
    const withCardId = `{"event":"telemetry","record":{"cardId":"${status.cardId}"}}`;
    expect(personalDataIn([withCardId], known)).not.toEqual([]);
    expect(personalDataIn([`madoguchi-bridge/1.0.0 ${MARKER_PREFIX}bridge.pin:1234x`], [])).not.toEqual([]);
  });
});

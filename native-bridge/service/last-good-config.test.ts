import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BridgeConfigError } from './config';
import { configOrLastGood, keepLastGood } from './last-good-config';

const good = { port: 9930, allowedOrigins: ['https://app.example'], backend: 'pcsc' as const };

describe('the last good bridge configuration', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'last-good-'));
  const configFile = path.join(dir, 'bridge.json');
  const lastGood = path.join(dir, 'state', 'bridge.last-good.json');

  it('is written when the configuration changes, mode 0600, and left alone when it does not', () => {
    expect(keepLastGood(lastGood, good)).toBe('kept');
    expect(statSync(lastGood).mode & 0o777).toBe(0o600);
    expect(keepLastGood(lastGood, good)).toBe('unchanged');
    expect(keepLastGood(lastGood, { ...good, port: 9931 })).toBe('kept');
    expect(JSON.parse(readFileSync(lastGood, 'utf8'))).toMatchObject({ port: 9931 });
  });

  it('stands in for a broken bridge.json, carrying bridge.json’s problems', () => {
    writeFileSync(configFile, '{"allowedOrigins": ["*"], "backend": "pcsc"}');
    const chosen = configOrLastGood(configFile, lastGood);
    expect(chosen.config).toMatchObject({ port: 9931 });
    expect(chosen.refused).toBeInstanceOf(BridgeConfigError);
    expect(chosen.refused?.file).toBe(configFile);
  });

  it('is not used when bridge.json is valid', () => {
    writeFileSync(configFile, JSON.stringify(good));
    expect(configOrLastGood(configFile, lastGood)).toEqual({ config: good });
  });

  it('gives bridge.json’s own error when there is no good configuration either', () => {
    writeFileSync(configFile, 'not json');
    expect(() => configOrLastGood(configFile, path.join(dir, 'none.json'))).toThrow(
      /invalid bridge configuration: .*bridge\.json/,
    );
    writeFileSync(path.join(dir, 'bad-last.json'), '{"backend": "simulator"}');
    expect(() => configOrLastGood(configFile, path.join(dir, 'bad-last.json'))).toThrow(/bridge\.json/);
  });

  it('reports, not throws, when it cannot be written', () => {
    const readOnly = path.join(dir, 'read-only');
    writeFileSync(readOnly, '');
    chmodSync(readOnly, 0o444);
    expect(keepLastGood(path.join(readOnly, 'x.json'), good)).toMatch(/write/);
  });
});

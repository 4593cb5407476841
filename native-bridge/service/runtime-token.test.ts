/**
 * The box service's token: fresh at each box start (a new runtime directory), kept across the
 * service's own restarts (the same directory), the configured one when bridge.json has one, handed
 * to the app launcher in the launch URL, and never written to the logs.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BridgeServiceConfig } from './config';
import { provideToken } from './run-service';
import { launchUrl, runtimeToken } from './runtime-token';

const ORIGINS = ['https://app.example.jp'];
/** A runtime directory as systemd makes it at box start (RuntimeDirectory=madoguchi-bridge). */
const freshRuntimeDir = () =>
  path.join(mkdtempSync(path.join(os.tmpdir(), 'bridge-run-')), 'madoguchi-bridge');
const modeOf = (file: string) => statSync(file).mode & 0o777;

function start(config: Partial<BridgeServiceConfig>) {
  const logs: string[] = [];
  const token = provideToken({ allowedOrigins: ORIGINS, backend: 'pcsc', ...config }, (line) =>
    logs.push(line),
  );
  return { token, logs: logs.join('\n') };
}

describe('the token of a box start', () => {
  it('a fresh runtime directory gets a new 43-character token (256 bits, base64url), file mode 0600', () => {
    const dir = freshRuntimeDir();
    const tokenFile = path.join(dir, 'token');
    const { token, logs } = start({ tokenFile });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    expect(modeOf(tokenFile)).toBe(0o600);
    expect(logs).toContain('made for this box start');
    expect(logs).not.toContain(token);
  });

  it('two box starts get different tokens', () => {
    const first = start({ tokenFile: path.join(freshRuntimeDir(), 'token') }).token;
    const second = start({ tokenFile: path.join(freshRuntimeDir(), 'token') }).token;
    expect(first).not.toBe(second);
  });

  it("the service's own restart keeps the token the app already holds", () => {
    const tokenFile = path.join(freshRuntimeDir(), 'token');
    const first = start({ tokenFile });
    const restarted = start({ tokenFile });
    expect(restarted.token).toBe(first.token);
    expect(restarted.logs).toContain('kept from this box start');
    expect(restarted.logs).not.toContain(first.token);
  });

  it('a damaged token file is replaced by a new token', () => {
    const tokenFile = path.join(freshRuntimeDir(), 'token');
    start({ tokenFile });
    writeFileSync(tokenFile, 'short');
    const { token } = runtimeToken(tokenFile);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(modeOf(tokenFile)).toBe(0o600);
  });

  it('a token configured in bridge.json wins, and no token file is written', () => {
    const dir = freshRuntimeDir();
    const configured = 'configured-token-0123456789';
    const { token, logs } = start({ token: configured, tokenFile: path.join(dir, 'token') });
    expect(token).toBe(configured);
    expect(() => statSync(path.join(dir, 'token'))).toThrow();
    expect(logs).not.toContain(configured);
  });

  it('writes the launch URL with the token in its fragment, mode 0640', () => {
    const dir = freshRuntimeDir();
    const launchUrlFile = path.join(dir, 'launch-url');
    const { token, logs } = start({
      tokenFile: path.join(dir, 'token'),
      appUrl: 'https://app.example.jp/',
      launchUrlFile,
    });
    expect(readFileSync(launchUrlFile, 'utf8')).toBe(`https://app.example.jp/#bridgeToken=${token}\n`);
    expect(modeOf(launchUrlFile)).toBe(0o640);
    expect(logs).toContain(launchUrlFile);
    expect(logs).not.toContain(token);
  });

  it('percent-encodes the token and joins an existing fragment with &', () => {
    expect(launchUrl('http://127.0.0.1:8080/', 'a+b/c=')).toBe(
      'http://127.0.0.1:8080/#bridgeToken=a%2Bb%2Fc%3D',
    );
    expect(launchUrl('http://127.0.0.1:8080/#lang=ja', 'T')).toBe(
      'http://127.0.0.1:8080/#lang=ja&bridgeToken=T',
    );
    expect(launchUrl('http://127.0.0.1:8080/#', 'T')).toBe('http://127.0.0.1:8080/#bridgeToken=T');
  });

  it('says in Japanese and English when the runtime directory cannot be written', () => {
    const blocked = path.join(mkdtempSync(path.join(os.tmpdir(), 'bridge-run-')), 'file');
    writeFileSync(blocked, '');
    expect(() => start({ tokenFile: path.join(blocked, 'token') })).toThrow(
      /を(読め|書き込め)ません.*cannot (read|write) .*RuntimeDirectory=madoguchi-bridge/,
    );
  });
});

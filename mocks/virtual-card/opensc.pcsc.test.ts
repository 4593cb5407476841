/**
 * An implementation we did not write accepts the virtual card: OpenSC's JPKI driver (card-jpki.c,
 * pkcs15-jpki.c) names it, reads its certificate and signs with it through its PKCS#11 module, and
 * openssl verifies the signature. The card runs as `npm run virtual-card` does, on vpcd, via pcscd.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { fromPem } from '../pki';
import { loadCardState } from './state';

const run = promisify(execFile);
const PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
/** OpenSC's reader 0 and PKCS#11 slot 0 are vpcd's first reader ("Virtual PCD 00 00", port 35963). */
const READER = '0';
const AUTH_SLOT = '0';

let workDir: string;
let card: ChildProcess;
let cardOutput = '';

async function opensc(
  tool: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(tool, args, { timeout: 30_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code ?? -1 };
  }
}

const state = () => loadCardState(join(workDir, 'state.json'))!;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'madoguchi-opensc-'));
  const args = [
    'mocks/virtual-card/cli.ts',
    '--vpcd',
    '127.0.0.1:35963',
    '--auth-pin',
    '1234',
    '--sign-pin',
    'ABC123',
  ];
  args.push('--pki', join(workDir, 'pki'), '--state', join(workDir, 'state.json'));
  card = spawn('node_modules/.bin/tsx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  card.stdout!.on('data', (chunk: Buffer) => (cardOutput += chunk.toString()));
  card.stderr!.on('data', (chunk: Buffer) => (cardOutput += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!/card inserted/.test(cardOutput)) {
    if (Date.now() > deadline || card.exitCode !== null)
      throw new Error(`the virtual card did not start: ${cardOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // pcscd polls the reader; wait until OpenSC sees a card.
  for (let i = 0; i < 50; i++) {
    if ((await opensc('opensc-tool', ['--reader', READER, '--atr'])).code === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('OpenSC does not see the card in reader 0');
});

afterAll(async () => {
  if (card && card.exitCode === null) {
    const exited = new Promise((resolve) => card.once('exit', resolve));
    card.kill('SIGTERM');
    await exited;
  }
  rmSync(workDir, { recursive: true, force: true });
});

it('the card process never prints a PIN', () => {
  expect(cardOutput).not.toMatch(/1234|ABC123/);
});

it('opensc-tool names the card JPKI', async () => {
  const { stdout, code } = await opensc('opensc-tool', ['--reader', READER, '--name']);
  expect(code).toBe(0);
  expect(stdout.trim()).toBe('jpki');
});

it('pkcs15-tool reads the auth certificate the card holds, without a PIN', async () => {
  const { stdout, code } = await opensc('pkcs15-tool', ['--reader', READER, '--read-certificate', '01']);
  expect(code).toBe(0);
  const der = fromPem(stdout);
  expect(Buffer.from(der).equals(Buffer.from(state().credentials.authCertificate))).toBe(true);
});

it('pkcs15-tool lists both PINs with their tries left', async () => {
  const { stdout } = await opensc('pkcs15-tool', ['--reader', READER, '--list-pins']);
  expect(stdout).toMatch(/User Authentication PIN[\s\S]*Tries left\s*:\s*3/);
  expect(stdout).toMatch(/Digital Signature PIN[\s\S]*Tries left\s*:\s*5/);
});

it('pkcs11-tool signs SHA256-RSA-PKCS with the auth PIN; openssl verifies it with the certificate', async () => {
  const data = join(workDir, 'challenge.bin');
  const signature = join(workDir, 'signature.bin');
  writeFileSync(data, 'login challenge from the platform');
  const signArgs = ['--module', PKCS11_MODULE, '--slot', AUTH_SLOT, '--login', '--pin', '1234'];
  signArgs.push('--sign', '-m', 'SHA256-RSA-PKCS', '--id', '01', '-i', data, '-o', signature);
  const signed = await opensc('pkcs11-tool', signArgs);
  expect(signed.code).toBe(0);

  const certificatePem = join(workDir, 'auth.pem');
  const publicKeyPem = join(workDir, 'auth-public.pem');
  writeFileSync(
    certificatePem,
    new X509Certificate(Buffer.from(state().credentials.authCertificate)).toString(),
  );
  await run('openssl', ['x509', '-in', certificatePem, '-pubkey', '-noout', '-out', publicKeyPem]);
  const verified = await opensc('openssl', [
    'dgst',
    '-sha256',
    '-verify',
    publicKeyPem,
    '-signature',
    signature,
    data,
  ]);
  expect(verified.stdout.trim()).toBe('Verified OK');
  const publicKey = createPublicKey(readFileSync(publicKeyPem));
  expect(verify('sha256', Buffer.from('tampered'), publicKey, readFileSync(signature))).toBe(false);
});

it('a wrong PIN through OpenSC costs one try, and the right one restores the counter', async () => {
  const login = (pin: string) =>
    opensc('pkcs11-tool', [
      '--module',
      PKCS11_MODULE,
      '--slot',
      AUTH_SLOT,
      '--login',
      '--pin',
      pin,
      '--list-objects',
    ]);
  const wrong = await login('9999');
  expect(`${wrong.stdout}${wrong.stderr}`).toMatch(/CKR_PIN_INCORRECT/);
  expect(state().triesLeft.auth).toBe(2);
  expect((await login('1234')).code).toBe(0);
  expect(state().triesLeft.auth).toBe(3);
});

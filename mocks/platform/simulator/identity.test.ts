/**
 * 利用者ID, J-LIS and bounds, on the simulator with the test PKI: the test PKI's cards are linked
 * automatically; a renewal (TestPki.renewCard) logs in as the same user; J-LIS data files are checked
 * entry by entry; JPKI's birth-date forms; pending challenges stay bounded under a flood; a failed
 * login does the same directory work with 100 and 100,000 customers.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_HOLDERS } from '../../pki';
import { usePlatformWithYamada, driverCard, signedLogin } from '../test-support';
import { parseJpkiBirthDate } from './holder';
import { JlisDataError, parseJlisData } from './jlis';
import { PlatformSimulator } from './simulator';
import { UserDirectory } from './users';
import { ProblemError } from './problem';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const platform = usePlatformWithYamada();

describe('the user (利用者ID) and J-LIS', () => {
  it("links the test PKI's own cards and refuses one card's auth with another card's sign certificate", async () => {
    const other = await platform.fixture.pki.issueCard(DEMO_HOLDERS[0]!);
    const mixed = {
      ...platform.yamada,
      signCertificate: other.signCertificate,
      signPrivateKeyPkcs8: other.signPrivateKeyPkcs8,
    };
    await expect(
      platform.fixture.client().registration.register(driverCard(mixed), '10010001'),
    ).rejects.toMatchObject({
      code: 'CERTIFICATES_NOT_LINKED',
      status: 403,
    });
    await expect(
      platform.fixture.client().registration.register(driverCard(platform.yamada), '10010001'),
    ).resolves.toMatchObject({
      customerNumber: '10010001',
    });
    expect(platform.fixture.simulator.userCount).toBe(1);
  });

  it('logs a renewed card in as the same user; /v1/me describes the new certificate; the old one is refused', async () => {
    await platform.fixture.client().registration.register(driverCard(platform.yamada), '10010001');
    const renewed = await platform.fixture.pki.renewCard(platform.yamada);
    const client = platform.fixture.client();
    await client.auth.login(driverCard(renewed));
    const profile = await client.profile.get();
    expect(profile.customerNumber).toBe('10010001');
    expect(profile.certificate).toMatchObject({ renewed: true, serialNumber: renewed.authSerialHex });
    expect(platform.fixture.simulator.userCount).toBe(1);

    const old = await signedLogin(platform.yamada, (await client.auth.challenge('login')).challenge);
    await expect(platform.fixture.client().auth.loginWithSignature(old)).rejects.toMatchObject({
      code: 'CERTIFICATE_SUPERSEDED',
    });
    const again = platform.fixture.client();
    await again.auth.login(driverCard(renewed));
    expect((await again.profile.get()).certificate.renewed).toBe(false);
  });

  it('keeps one user when the customer registers again with a new card', async () => {
    const first = await platform.fixture.pki.issueCard(DEMO_HOLDERS[0]!); // platform.yamada's was renewed above
    await platform.fixture.client().registration.register(driverCard(first), '10010001');
    const replacement = await platform.fixture.pki.issueCard(DEMO_HOLDERS[0]!);
    await platform.fixture.client().registration.register(driverCard(replacement), '10010001');
    expect([platform.fixture.simulator.userCount, platform.fixture.simulator.linkCount]).toEqual([1, 2]);
  });
});

describe('J-LIS data files', () => {
  const hex = 'a'.repeat(64);
  it.each([
    [[], /is not a JSON object/],
    [{ links: {} }, /links is not an array/],
    [{ links: [{ auth: hex, sign: 'A'.repeat(64) }] }, /links\[0\]\.sign は.*\n.*links\[0\]\.sign is not/],
    [{ links: [{ auth: hex, sign: hex }, { auth: hex }] }, /links\[1\]\.sign/],
    [{ renewals: [{ old: hex, new: hex }] }, /renewals\[0\].*same certificate/s],
    [{ renewals: [{ old: hex, new: 'b'.repeat(64), when: 1 }] }, /renewals\[0\]\.when/],
    [{ linkz: [] }, /linkz/],
  ])('refuses %j naming the entry, in Japanese and English', (input, message) => {
    expect(() => parseJlisData(input, 'f.json')).toThrow(JlisDataError);
    expect(() => parseJlisData(input, 'f.json')).toThrow(message);
  });

  it('makes `npm run platform -- --jlis-data FILE` exit non-zero with the entry named', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jlis-'));
    const file = path.join(dir, 'jlis.json');
    await fs.writeFile(file, JSON.stringify({ links: [{ auth: hex, sign: hex }], renewals: [{ old: 'x' }] }));
    const failed = await run(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['mocks/platform/cli.ts', '--port', '0', '--pki', path.join(dir, 'pki'), '--jlis-data', file],
      { cwd: ROOT },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    await fs.rm(dir, { recursive: true, force: true });
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toMatch(/renewals\[0\]\.old は/);
    expect(failed?.stderr).toMatch(/renewals\[0\]\.old is not/);
  }, 60_000);
});

describe('holder data in JPKI forms', () => {
  it.each([
    ['319500330', '1950-03-30'],
    ['319470514', '1947-05-14'],
    ['419890108', '1989-01-08'],
    ['319890107', '1989-01-07'],
    ['520190501', '2019-05-01'],
    ['19520229', '1952-02-29'],
    ['１９５２０２２９', '1952-02-29'],
  ])('reads %s as %s', (text, iso) => expect(parseJpkiBirthDate(text)).toBe(iso));

  it.each(['419890107', '619500330', '319500230', '3195003301', '1950-03-30', ''])('refuses %j', (text) =>
    expect(parseJpkiBirthDate(text)).toBeUndefined(),
  );
});

describe('bounds', () => {
  it('keeps the pending challenges bounded under a flood of 20,000', async () => {
    const simulator = await PlatformSimulator.create({
      trustAnchors: { auth: platform.fixture.pki.trustAnchors('auth') },
      limits: false,
      maxPendingChallenges: 1000,
    });
    const first = simulator.createChallenge({ purpose: 'login' }).challenge;
    let peak = 0;
    for (let i = 0; i < 20_000; i++) {
      simulator.createChallenge({ purpose: 'login' });
      peak = Math.max(peak, simulator.pendingChallengeCount);
    }
    expect(peak).toBe(1000);
    // The oldest was forgotten first.
    await expect(
      simulator.login({ challenge: first, authCertificate: 'AA==', signature: 'AA==' }),
    ).rejects.toThrow(ProblemError);
  });

  it('does the same directory work for a failed login at 100 and at 100,000 customers', async () => {
    // What a failed login costs in time is the bench's to measure; what a test can hold fixed is
    // that it looks the certificate up by key and never walks the customers.
    const card = await platform.fixture.pki.issueCard(DEMO_HOLDERS[1]!); // valid, never registered
    const directory = platform.fixture.simulator.userDirectory;
    const directoryWork = async (): Promise<string[]> => {
      const calls: string[] = [];
      const methods = ['user', 'pointer', 'userOfCustomer', 'createUser', 'attach'] as const;
      const spies = methods.map((name) =>
        jest.spyOn(directory, name).mockImplementation(function (this: unknown, ...args: never[]) {
          calls.push(name);
          return (UserDirectory.prototype[name] as (...a: never[]) => unknown).apply(directory, args);
        } as never),
      );
      const iterations = ['forEach', 'values', 'keys', 'entries', Symbol.iterator] as const;
      const mapSpies = iterations.map((name) => {
        const original = Map.prototype[name] as (...a: unknown[]) => unknown;
        return jest.spyOn(Map.prototype, name as 'forEach').mockImplementation(function (
          this: Map<unknown, unknown>,
          ...args: unknown[]
        ) {
          if (this.size >= 100) calls.push(`iterate a map of ${this.size}`);
          return original.apply(this, args);
        } as never);
      });
      try {
        const body = await signedLogin(
          card,
          platform.fixture.simulator.createChallenge({ purpose: 'login' }).challenge,
        );
        await expect(platform.fixture.simulator.login(body)).rejects.toMatchObject({
          code: 'REGISTRATION_REQUIRED',
        });
      } finally {
        for (const spy of [...spies, ...mapSpies]) spy.mockRestore();
      }
      return calls;
    };
    const fill = (count: number) => {
      for (let n = directory.userCount; n < count; n++) {
        directory.createUser(String(20_000_000 + n), `synthetic-${n}`, new Date());
      }
    };
    fill(100);
    const at100 = await directoryWork();
    fill(100_000);
    const at100k = await directoryWork();
    expect(at100).toContain('pointer');
    expect(at100.filter((call) => call.startsWith('iterate'))).toEqual([]);
    expect(at100k).toEqual(at100);
  }, 60_000);
});

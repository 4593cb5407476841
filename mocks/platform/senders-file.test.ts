/** The senders' credentials file: made with fresh credentials for the demo senders when missing, owner-only; checked when given. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSendersFile } from './senders-file';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'senders-file-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

it('makes a missing file with a fresh credential per demo sender, readable by its owner only, and reads it again', async () => {
  const file = path.join(dir, 'made', 'senders.json');
  const [made, alsoStarting] = await Promise.all([readSendersFile(file), readSendersFile(file)]);
  expect(made.map((s) => s.id)).toEqual(['city', 'health-insurer', 'cable']);
  expect(new Set(made.map((s) => s.token)).size).toBe(3);
  for (const sender of made) expect(sender.token.length).toBeGreaterThanOrEqual(32);
  expect(alsoStarting).toEqual(made);
  expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  expect(await readSendersFile(file)).toEqual(made);
});

it('names what is wrong in a given file', async () => {
  const file = path.join(dir, 'bad.json');
  await fs.writeFile(file, JSON.stringify([{ id: 'city', name: '窓口町役場', nameEn: 'Town Office' }]));
  await expect(readSendersFile(file)).rejects.toThrow(`${file}: [0].token must be a non-empty string`);
  await fs.writeFile(file, '{');
  await expect(readSendersFile(file)).rejects.toThrow('not JSON');
});

/**
 * The senders' credentials for `npm run platform` (`--senders FILE`): a JSON list of
 * {id, name, nameEn, token}. A missing file is made with fresh random credentials for the demo
 * town's senders, readable by its owner only, so a demo can post notices without any credential
 * ever being printed. Node only.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEMO_SENDERS, type SenderConfig } from './simulator/notices/senders';

export async function readSendersFile(file: string): Promise<SenderConfig[]> {
  const text = await fs.readFile(file, 'utf8').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT')
      throw new Error(`cannot read senders ${file}: ${error.code ?? error.message}`);
    const fresh = DEMO_SENDERS.map((sender) => ({ ...sender, token: randomBytes(32).toString('base64url') }));
    await fs.mkdir(path.dirname(file), { recursive: true });
    const json = `${JSON.stringify(fresh, null, 2)}\n`;
    try {
      // wx: two platforms starting at once make one file, and each reads the one that won.
      await fs.writeFile(file, json, { mode: 0o600, flag: 'wx' });
      return json;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      return fs.readFile(file, 'utf8');
    }
  });
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON`);
  }
  if (!Array.isArray(list)) throw new Error(`${file}: not a list of senders`);
  return list.map((entry: unknown, index) => {
    const sender = entry as Partial<Record<keyof SenderConfig, unknown>>;
    for (const field of ['id', 'name', 'nameEn', 'token'] as const) {
      if (typeof sender?.[field] !== 'string' || sender[field] === '') {
        throw new Error(`${file}: [${index}].${field} must be a non-empty string`);
      }
    }
    return sender as SenderConfig;
  });
}

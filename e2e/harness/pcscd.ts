/**
 * pcscd as the journeys and the kit's e2e test need it: running with the vpcd readers, and a reader
 * empty before a test plays a card there. Read from `opensc-tool --list-readers`, the view any
 * PC/SC client gets. Also where every e2e test leaves what it collected (.tmp/e2e-logs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VPCD } from './card';
import { ROOT } from './screens';

const LOG_DIR = join(ROOT, '.tmp/e2e-logs');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The readers pcscd shows, as `opensc-tool --list-readers` prints them (a "Card" column, then the name). */
const listReaders = (hint = ''): string => {
  try {
    return execFileSync('opensc-tool', ['--list-readers'], { encoding: 'utf8', timeout: 10_000 });
  } catch (error) {
    throw new Error(`opensc-tool --list-readers failed (${(error as Error).message})${hint && `: ${hint}`}`, {
      cause: error,
    });
  }
};

/** pcscd must run and show the vpcd reader; scripts/ensure-system.sh (as root) sets that up. */
export const checkPcscd = (reader: string = VPCD.reader): void => {
  const hint = 'run `sudo bash scripts/ensure-system.sh` (installs pcscd + vsmartcard-vpcd and starts pcscd)';
  try {
    execFileSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`pcscd is not running: ${hint}`, { cause: error });
  }
  const readers = listReaders(hint);
  if (!readers.includes(reader)) {
    throw new Error(`pcscd runs without the vpcd reader "${reader}" (readers:\n${readers}): ${hint}`);
  }
};

/** Whether pcscd shows a card in `reader` (opensc-tool's "Card" column). */
const readerHoldsCard = (reader: string): boolean => {
  const line = listReaders()
    .split('\n')
    .find((row) => row.trimEnd().endsWith(reader));
  return line !== undefined && /^\s*\d+\s+Yes\b/.test(line);
};

/**
 * Waits until pcscd shows `reader` empty: a test starts with the reader as a viewer would find it,
 * and one that played a card there leaves it so. Throws, naming the reader, when a card stays.
 */
export const waitForEmptyReader = async (reader: string = VPCD.reader, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (readerHoldsCard(reader)) {
    if (Date.now() > deadline)
      throw new Error(
        `pcscd still shows a card in "${reader}" after ${timeoutMs} ms (left by another test?)`,
      );
    await sleep(200);
  }
};

/** Writes `text` to .tmp/e2e-logs/<fileName>, where every e2e test leaves what it collected; returns the path. */
export const writeE2eLog = (fileName: string, text: string): string => {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = join(LOG_DIR, fileName);
  writeFileSync(file, text);
  return file;
};

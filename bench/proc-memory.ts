/**
 * Process memory from /proc (Linux): PSS of a process (smaps_rollup; WPE has no performance.memory)
 * and RSS (status VmRSS), and finding the WPEWebProcess below our own WebDriver's cog — another
 * WPE on the machine (a test, another bench) must not be measured by mistake. The parsers are
 * pure and unit-tested; the readers are thin.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** `Pss:` of /proc/<pid>/smaps_rollup in kB (the process's fair share of shared pages). */
export function parsePssKb(smapsRollup: string): number {
  return fieldKb(smapsRollup, 'Pss');
}

/** `VmRSS:` of /proc/<pid>/status in kB. */
export function parseVmRssKb(status: string): number {
  return fieldKb(status, 'VmRSS');
}

function fieldKb(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
  if (!match) throw new Error(`no "${field}:" line in /proc output`);
  return Number(match[1]);
}

/** `comm` and parent pid from /proc/<pid>/stat (comm may hold spaces and parentheses). */
export function parseStat(stat: string): { comm: string; ppid: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error('unreadable /proc/<pid>/stat');
  const fields = stat.slice(close + 2).split(' ');
  return { comm: stat.slice(open + 1, close), ppid: Number(fields[1]) };
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  comm: string;
}

/** Every process below `root` (children, grandchildren …) whose comm is `comm`. */
export function descendantsNamed(processes: readonly ProcessEntry[], root: number, comm: string): number[] {
  const below = new Set([root]);
  // Parents may be listed after their children: repeat until nothing new joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of processes) {
      if (!below.has(entry.pid) && below.has(entry.ppid)) {
        below.add(entry.pid);
        grew = true;
      }
    }
  }
  return processes
    .filter((entry) => entry.pid !== root && below.has(entry.pid) && entry.comm === comm)
    .map((entry) => entry.pid);
}

function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      entries.push({ pid: Number(name), ...parseStat(readFileSync(`/proc/${name}/stat`, 'utf8')) });
    } catch {
      // the process ended while we listed
    }
  }
  return entries;
}

/**
 * The WPE web processes under the WebDriver process `driverPid` (WPEWebDriver → cog →
 * WPEWebProcess). After a navigation WebKit may keep the previous page's process for a while.
 */
export function findWebProcesses(driverPid: number): number[] {
  const found = descendantsNamed(listProcesses(), driverPid, 'WPEWebProcess');
  if (found.length === 0) {
    throw new Error(
      `WPEWebDriver (pid ${driverPid}) の下に WPEWebProcess がありません / ` +
        `no WPEWebProcess below WPEWebDriver pid ${driverPid}`,
    );
  }
  return found;
}

export const readPssKb = (pid: number): number =>
  parsePssKb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));

export const readRssKb = (pid: number): number => parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'));

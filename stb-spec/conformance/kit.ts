/**
 * The kit as a function: choose the card control for the mode, run the (selected) cases, print
 * each result and the summary, write JUnit XML, and say whether the run passed. cli.ts and the tests
 * call this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult, ConformanceCase, ControlMode, KitOptions } from './case';
import { NoControl, SimulatorControl, type CardControl } from './card-control';
import { ALL_CASES } from './cases';
import { InteractiveControl } from './interactive-control';
import { junitXml } from './junit';
import { allPassed, formatResult, summaryLine } from './report';
import { runCases } from './runner';
import { VirtualCardControl } from './virtual-card-control';
import { VpcdForeignSlot } from './foreign-slot';
import { KitClient, upgradeStatus, withToken } from './client';

export interface ConformanceOptions extends KitOptions {
  mode: ControlMode;
  /** --virtual-card: where vpcd listens for the card. */
  vpcd?: { host: string; port: number };
  /** --virtual-card: the test PKI that issues the kit's card. */
  pkiDir?: string;
  /** --foreign-reader: a reader with a card not for the bridge (named by --foreign-vpcd's port too). */
  foreignReader?: string;
  /** --foreign-vpcd: the kit plays that card in this vpcd reader. */
  foreignVpcd?: { host: string; port: number };
  /** Where to write JUnit XML; undefined: not written. */
  junitFile?: string;
  /** Run only cases whose id or title contains one of these (case-insensitive). */
  only?: string[];
  /** Leave out these case ids (the kit's own tests, where a case is about something else). */
  exclude?: string[];
  /** --interactive: how long to wait for the technician. */
  promptTimeoutMs?: number;
  caseTimeoutMs?: number;
  /** --simulator-controls: how long the bridge may take to show a change (the kit's own tests). */
  changeTimeoutMs?: number;
  write?: (line: string) => void;
  input?: NodeJS.ReadableStream;
}

export interface ConformanceReport {
  results: CaseResult[];
  passed: boolean;
  exitCode: 0 | 1;
  summary: string;
}

/** The reference bridge's defaults, used when the kit itself provides the card. */
const DEFAULT_TEST_PINS = { auth: '1234', sign: 'ABC123' };
export const DEFAULT_VPCD = { host: '127.0.0.1', port: 35963 };

/** vpcd numbers its readers by port: 35963 → "Virtual PCD 00 00", 35964 → "Virtual PCD 00 01". */
export function vpcdReaderName(port: number): string | undefined {
  const index = port - DEFAULT_VPCD.port;
  return index >= 0 && index < 10 ? `Virtual PCD 00 ${String(index).padStart(2, '0')}` : undefined;
}

export function selectCases(only: string[] | undefined, exclude: string[] = []): ConformanceCase[] {
  if (exclude.length) return selectCases(only).filter((c) => !exclude.includes(c.id));
  if (!only?.length) return [...ALL_CASES];
  const patterns = only.map((p) => p.toLowerCase());
  return ALL_CASES.filter((c) =>
    patterns.some((p) => c.id.toLowerCase() === p || c.title.toLowerCase().includes(p)),
  );
}

async function createControl(options: ConformanceOptions, kit: KitOptions): Promise<CardControl> {
  const write = options.write ?? console.log;
  switch (options.mode) {
    case 'virtual-card': {
      const vpcd = options.vpcd ?? DEFAULT_VPCD;
      return VirtualCardControl.create({
        ...vpcd,
        pins: { auth: kit.authPin!, sign: kit.signPin! },
        pkiDir: options.pkiDir ?? path.resolve('.tmp', 'conformance-pki'),
      });
    }
    case 'simulator-controls': {
      let client: KitClient | undefined;
      return new SimulatorControl(
        {
          client: async () => {
            if (!client?.isOpen) {
              client = await KitClient.connect(
                withToken(kit.url, kit.token),
                kit.origin,
                kit.timeoutMs,
                'simulator controls',
              );
            }
            return client;
          },
        },
        () => client?.close(),
        options.changeTimeoutMs,
      );
    }
    case 'interactive':
      return new InteractiveControl(write, options.promptTimeoutMs ?? 180_000, options.input);
    default:
      return new NoControl();
  }
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const write = options.write ?? ((line: string) => console.log(line));
  const ownsCard = options.mode === 'virtual-card' || options.mode === 'simulator-controls';
  const kit: KitOptions = {
    url: options.url,
    origin: options.origin,
    token: options.token,
    authPin: options.authPin ?? (ownsCard ? DEFAULT_TEST_PINS.auth : undefined),
    signPin: options.signPin ?? (ownsCard ? DEFAULT_TEST_PINS.sign : undefined),
    reader: options.reader,
    timeoutMs: options.timeoutMs,
    productionImage: options.productionImage,
  };
  const cases = selectCases(options.only, options.exclude);
  write(`conformance kit: ${cases.length} cases against ${options.url} (mode: ${options.mode})`);
  await explainRefusal(kit, write);
  // `foreign` (the kit's own tests) wins over --foreign-vpcd and --foreign-reader.
  const foreignVpcd =
    !options.foreign && options.foreignVpcd && options.foreignReader
      ? await VpcdForeignSlot.insert(options.foreignReader, options.foreignVpcd)
      : undefined;
  kit.foreign =
    options.foreign ?? foreignVpcd ?? (options.foreignReader ? { reader: options.foreignReader } : undefined);
  const control = await createControl(options, kit).catch(async (error: unknown) => {
    await foreignVpcd?.close();
    throw error;
  });
  const started = Date.now();
  let results: CaseResult[];
  try {
    results = await runCases({
      kit,
      control,
      cases,
      watchedReader:
        options.mode === 'virtual-card' ? vpcdReaderName((options.vpcd ?? DEFAULT_VPCD).port) : undefined,
      caseTimeoutMs: options.caseTimeoutMs ?? (options.mode === 'interactive' ? 30 * 60_000 : 120_000),
      onResult: (result) => formatResult(result).forEach((line) => write(line)),
    });
  } finally {
    await control.close();
    await foreignVpcd?.close();
  }
  const summary = summaryLine(results);
  const passed = allPassed(results);
  write('');
  write(`${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (options.mode === 'none') {
    write(
      '全項目の試験にはカード操作モードが必要です / a full run needs a card-control mode: --virtual-card or --interactive',
    );
  }
  if (options.only?.length || options.exclude?.length)
    write('--only: a partial run is not a conformance result');
  if (options.junitFile) {
    mkdirSync(path.dirname(path.resolve(options.junitFile)), { recursive: true });
    const xml = junitXml(results, {
      timestamp: new Date(started),
      properties: { url: options.url, mode: options.mode, reader: options.reader ?? '' },
    });
    writeFileSync(options.junitFile, xml);
    write(`JUnit XML: ${options.junitFile}`);
  }
  return { results, passed, exitCode: passed ? 0 : 1, summary };
}

/** Says at once, and plainly, when the bridge refuses the kit itself: every case would fail with 403. */
async function explainRefusal(kit: KitOptions, write: (line: string) => void): Promise<void> {
  const status = await upgradeStatus(withToken(kit.url, kit.token), kit.origin, kit.timeoutMs).catch(() => 0);
  if (status !== 403) return;
  write(
    kit.token === undefined
      ? 'ブリッジが接続を拒否しました (HTTP 403)。トークンが必要なようです: --token を指定してください / ' +
          'the bridge refused the kit with HTTP 403: it demands a token — run the kit with --token T'
      : 'ブリッジが接続を拒否しました (HTTP 403)。--origin と --token を確認してください / ' +
          'the bridge refused the kit with HTTP 403: check --origin (on its allow-list?) and --token',
  );
}

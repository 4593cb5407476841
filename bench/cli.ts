/**
 * npm run bench -- [card|bridge…] [--runs N] [--json FILE] [--reader NAME --vpcd-port N] [--verbose]
 *
 * Runs the named benches (every one when none is named) and prints a table per bench. Each
 * measures our figure beside a floor taken in the same run, never against a fixed number.
 * Exit status: 0 exactly when every bench ran and every figure with a goal met it; `--json` holds
 * each such figure with its verdict ("met" or "missed").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parsedOrUsage, parseStrictArgs, UsageError } from '../native-bridge/src/bridge/command-line';
import { DEFAULT_READER, DEFAULT_VPCD_PORT, BenchSetupError } from './card-rig';
import { runCardBench, type BenchContext, type BenchOutcome } from './card';
import { runBridgeBench } from './bridge';
import { runAppBench } from './app';
import { runLoginBench } from './login';
import { runMemoryBench } from './memory';
import { runPlatformBench } from './platform';
import { runInsertionBench } from './insertion';
import { Cleanup, shutdown } from './cleanup';
import { passes, renderTable, verdictsOf } from './report';
import { PROFILES, startProfile, type ActiveProfile } from './profile/stb';

const BENCHES: Record<string, (context: BenchContext) => Promise<BenchOutcome>> = {
  card: runCardBench,
  bridge: runBridgeBench,
  app: runAppBench,
  login: runLoginBench,
  memory: runMemoryBench,
  platform: runPlatformBench,
  insertion: runInsertionBench,
};

const USAGE = `usage: npm run bench -- [${Object.keys(BENCHES).join('|')}…] [options]
  (no bench named: run them all)
  --runs N          測定回数 / runs per figure, medians reported (default 5; bridge: rounds of
                    200 calls per method, 50 for sign)
  --cycles N        memory: login → health → logout cycles (default 100)
  --card-cycles N   bridge: the bundle's card in → read → sign → out cycles (default 30)
  --profile NAME    機器の条件で測る / run confined to a box: ${Object.keys(PROFILES).join('|')} (CPU share found by
                    calibration, memory cap, software rendering; exits 1 when cgroups cannot be written)
  --json FILE       結果を JSON で保存 / write all results to FILE as JSON (each goal with its verdict)
  exit status       0: すべての目標を達成 / every goal met; 1: a goal missed or a bench failed
  --reader NAME     card, login, memory, bridge, insertion: PC/SC reader (default "${DEFAULT_READER}"; "Virtual PCD 00 00" belongs to the tests)
  --vpcd-port N     card, login, memory, bridge, insertion: vpcd port of that reader (default ${DEFAULT_VPCD_PORT})
  --verbose         card: also print what the card saw of OpenSC's APDUs (headers, AIDs, SWs; never data)`;

interface CliOptions {
  benches: string[];
  runs: number;
  cycles: number;
  cardCycles: number;
  json?: string;
  readerName: string;
  vpcdPort: number;
  verbose: boolean;
  profile?: string;
}

export function parseBenchArgs(argv: string[]): CliOptions {
  const parsed = parseStrictArgs(argv, {
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      cycles: { type: 'string' },
      'card-cycles': { type: 'string' },
      json: { type: 'string' },
      reader: { type: 'string' },
      'vpcd-port': { type: 'string' },
      verbose: { type: 'boolean' },
      profile: { type: 'string' },
    },
  });
  const { values, positionals } = parsed;
  const unknown = positionals.filter((name) => !(name in BENCHES));
  if (unknown.length) throw new UsageError(`そのベンチはありません / no such bench: ${unknown.join(', ')}`);
  const runs = integerOption('--runs', values.runs ?? '5', 1, 1000);
  const cycles = integerOption('--cycles', values.cycles ?? '100', 1, 10000);
  const cardCycles = integerOption('--card-cycles', values['card-cycles'] ?? '30', 1, 10000);
  if (values.profile !== undefined && !(values.profile in PROFILES)) {
    throw new UsageError(
      `--profile: ${Object.keys(PROFILES).join(', ')} のどれか / one of them, got "${values.profile}"`,
    );
  }
  const vpcdPort = integerOption('--vpcd-port', values['vpcd-port'] ?? String(DEFAULT_VPCD_PORT), 1, 65535);
  return {
    benches: positionals.length ? [...new Set(positionals)] : Object.keys(BENCHES),
    runs,
    cycles,
    cardCycles,
    ...(values.json === undefined ? {} : { json: path.resolve(values.json) }),
    readerName: values.reader ?? DEFAULT_READER,
    vpcdPort,
    verbose: values.verbose ?? false,
    ...(values.profile === undefined ? {} : { profile: values.profile }),
  };
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${name}: ${min}〜${max} の整数 / must be an integer ${min}–${max}, got "${text}"`);
  }
  return value;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parsedOrUsage(() => parseBenchArgs(argv), USAGE);
  if (!parsed.ok) return parsed.exitCode;
  const options = parsed.value;
  const cleanup = new Cleanup();
  const report = (message: string) => console.error(message);
  // Ctrl-C / SIGTERM: take the card out and kill children before leaving.
  let interrupted = false;
  let profile: ActiveProfile | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      report(`bench: ${signal}, cleaning up`);
      void shutdown(cleanup, report).finally(() => {
        profile?.end();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
  if (options.profile !== undefined) {
    try {
      profile = await startProfile(PROFILES[options.profile]!, report);
    } catch (error) {
      console.error(
        `bench: --profile ${options.profile}: 失敗しました / FAILED:\n${(error as Error).message}`,
      );
      return 1;
    }
    console.log(profile.describe());
  }
  try {
    return await runBenches(options, cleanup, report, () => interrupted, profile);
  } finally {
    profile?.end();
  }
}

async function runBenches(
  options: CliOptions,
  cleanup: Cleanup,
  report: (message: string) => void,
  interrupted: () => boolean,
  profile: ActiveProfile | undefined,
): Promise<number> {
  const results: Record<string, unknown> = {};
  let failed = false;
  for (const name of options.benches) {
    try {
      const outcome = await BENCHES[name]!({
        runs: options.runs,
        cycles: options.cycles,
        cardCycles: options.cardCycles,
        readerName: options.readerName,
        vpcdPort: options.vpcdPort,
        verbose: options.verbose,
        cleanup,
        progress: report,
      });
      console.log(`\n${renderTable(outcome.table)}\n`);
      const figures = verdictsOf(outcome.table);
      results[name] = { ...(outcome.data as object), figures, failures: outcome.failures };
      for (const failure of outcome.failures) console.error(`bench ${name}: FAILED: ${failure}`);
      for (const missed of figures.filter((figure) => figure.verdict === 'missed')) {
        console.error(
          `bench ${name}: 目標未達 / goal missed: ${missed.figure} (${missed.ours}; goal ${missed.goal})`,
        );
      }
      failed ||= !passes(outcome.failures, figures);
    } catch (error) {
      failed = true;
      if (interrupted()) break; // the cleanup pulled the card out from under the run: not a finding
      // Setup problems are explained in the message; a stack only helps with the unexpected.
      const message =
        error instanceof BenchSetupError || !options.verbose
          ? (error as Error).message
          : ((error as Error).stack ?? String(error));
      console.error(`bench ${name}: 失敗しました / FAILED:\n${message}`);
      results[name] = { failures: [(error as Error).message] };
    } finally {
      await cleanup.runAll(report);
    }
  }

  if (options.json) {
    const document = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      runs: options.runs,
      ...(profile
        ? {
            profile: {
              name: profile.profile.name,
              cpuFraction: profile.cpuFraction,
              cgroupVersion: profile.cgroupVersion,
              workloadMs: { host: profile.host, confined: profile.confined, box: profile.profile.workloadMs },
            },
          }
        : {}),
      benches: results,
    };
    writeFileSync(options.json, `${JSON.stringify(document, null, 2)}\n`);
    report(`bench: results written to ${options.json}`);
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    // Explicit exit: a pcsclite handle that failed to close must not keep the process alive.
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`bench: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}

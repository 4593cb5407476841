/**
 * The command-line conventions the bridge sets and the development tools follow (virtual card,
 * conformance kit, bench): strict options, problems said in Japanese and English, exit code 2 and
 * the usage text for a bad command line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A bad command line: the message says what is wrong; the caller prints the usage after it. */
export class UsageError extends Error {}

/**
 * Node's parseArgs in strict mode; its errors become a UsageError. `hint` follows the parser's
 * message (e.g. which options go together).
 */
export function parseStrictArgs<const T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(
  argv: string[],
  config: T,
  hint = '',
) {
  try {
    return parseArgs({ ...config, args: argv, strict: true });
  } catch (error) {
    throw new UsageError(`引数が正しくありません / invalid arguments: ${(error as Error).message}${hint}`);
  }
}

/** What `parse` returns, or exit code 2 after printing the problem and the usage on stderr. */
export function parsedOrUsage<T>(
  parse: () => T,
  usage: string,
): { ok: true; value: T } | { ok: false; exitCode: 2 } {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return { ok: false, exitCode: 2 };
  }
}

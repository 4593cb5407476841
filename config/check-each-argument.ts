/**
 * What the command-line checks (operator configurations, packages) have in common: every argument
 * checked, each problem printed by `check`, one exit code for the run. It sits in config/ because
 * config/ is below every other tool, so the checks of both folders can use it.
 */
export function checkEachArgument(options: {
  /** The command line, shown when no argument is given. */
  usage: string;
  /** The exit code when an argument fails its check, or none was given. */
  failureExitCode: number;
  /** Prints what it finds; true when the argument is fine. */
  check: (argument: string) => boolean;
}): never {
  const { usage, failureExitCode, check } = options;
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error(`使い方 / usage: ${usage}`);
    process.exit(failureExitCode);
  }
  let failed = false;
  for (const argument of args) if (!check(argument)) failed = true;
  process.exit(failed ? failureExitCode : 0);
}

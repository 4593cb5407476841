/**
 * A box's processes — browser, bridge, platform — started inside the control groups of a bench
 * profile. `npm run bench -- --profile stb` names the groups' `cgroup.procs` files in the
 * environment; every process the rig starts then joins them before its program runs, and so do the
 * processes it starts in turn. Without the variable nothing changes.
 */
export const CONFINE_ENV = 'MADOGUCHI_CONFINE_PROCS';

/**
 * The command that runs `program args` confined: a shell that writes its own pid into each
 * `cgroup.procs` file and then becomes the program (same pid, so RSS and kill still reach it). A
 * group that cannot be joined stops the start: a profile never quietly runs unconfined.
 */
export function confined(
  program: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { program: string; args: string[] } {
  const files = (env[CONFINE_ENV] ?? '').split(':').filter(Boolean);
  if (files.length === 0) return { program, args: [...args] };
  const script = 'set -e; for f in $MADOGUCHI_JOIN; do echo $$ > "$f"; done; exec "$@"';
  return {
    program: '/usr/bin/env',
    args: [`MADOGUCHI_JOIN=${files.join(' ')}`, '/bin/sh', '-c', script, 'sh', program, ...args],
  };
}

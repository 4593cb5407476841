/**
 * The conformance kit for card bridges (see README.md):
 *
 *   npm run conformance -- --url ws://127.0.0.1:9930/jsonrpc --origin O [--pin 1234]
 *     [--interactive | --virtual-card] [--junit FILE] [--only CK-01,CK-02]
 *
 * Exits 0 only when every case passed; 1 when any failed or was skipped; 2 on bad usage.
 */
import { requirementsOf } from './requirements';
import { ALL_CASES } from './cases';
import { parsedOrUsage } from '../../native-bridge/src/bridge/command-line';
import { parseKitArgs, USAGE } from './args';
import { runConformance } from './kit';

async function main(argv: string[]): Promise<number> {
  const parsed = parsedOrUsage(() => parseKitArgs(argv), USAGE);
  if (!parsed.ok) return parsed.exitCode;
  const command = parsed.value;
  if (command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command.kind === 'list') {
    for (const c of ALL_CASES)
      console.log(`${c.id}  ${c.area.padEnd(9)}  ${c.title}  [${requirementsOf(c.id).join(', ')}]`);
    return 0;
  }
  const report = await runConformance(command.options);
  return report.exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`conformance: ${error.message}`);
      process.exit(1);
    },
  );
}

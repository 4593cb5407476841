/**
 * `npm run operator:check -- config/operators/NAME.json [...]`: validates operator configurations
 * and prints every problem in Japanese and English. With `--bridge-config bridge.json` (one operator
 * file), also checks a box's bridge configuration against it: valid for the bridge, and the port,
 * app origin, app URL, readers and token the operator's app needs. Exit code 0 when all are valid,
 * 2 otherwise.
 */
import { checkEachArgument } from './check-each-argument';
import { bridgeConfigMismatches } from './bridge-config-from-operator';
import { loadOperator, OperatorConfigError } from './load-operator';
import { BridgeConfigError, readBridgeConfig } from '../native-bridge/service/config';

const USAGE =
  'npm run operator:check -- config/operators/NAME.json [...] | NAME.json --bridge-config bridge.json';
const args = process.argv.slice(2);
const flag = args.findIndex((arg) => arg === '--bridge-config');

function checkPair(operatorFile: string, bridgeFile: string): boolean {
  try {
    const operator = loadOperator(operatorFile);
    const problems = bridgeConfigMismatches(operator, readBridgeConfig(bridgeFile));
    if (problems.length === 0) {
      console.log(`OK ${bridgeFile}: ${operator.id} (${operator.environment})`);
      return true;
    }
    console.error(
      `${bridgeFile} が ${operatorFile} と合いません / ${bridgeFile} does not match ${operatorFile}`,
    );
    for (const line of problems) console.error(`  - ${line}`);
    return false;
  } catch (error) {
    if (!(error instanceof OperatorConfigError || error instanceof BridgeConfigError)) throw error;
    console.error(error.message);
    return false;
  }
}

if (flag >= 0) {
  const rest = args.filter((_, index) => index !== flag && index !== flag + 1);
  const bridgeFile = args[flag + 1];
  if (rest.length !== 1 || !bridgeFile || bridgeFile.startsWith('--')) {
    console.error(`使い方 / usage: ${USAGE}`);
    process.exit(2);
  }
  process.exit(checkPair(rest[0]!, bridgeFile) ? 0 : 2);
}

checkEachArgument({
  usage: USAGE,
  failureExitCode: 2,
  check: (file) => {
    try {
      const config = loadOperator(file);
      console.log(`OK ${file}: ${config.name.ja} / ${config.name.en} (${config.environment})`);
      return true;
    } catch (error) {
      if (!(error instanceof OperatorConfigError)) throw error;
      console.error(error.message);
      return false;
    }
  },
});

/**
 * `npm run operator:check -- config/operators/NAME.json [...]`: validates operator configurations
 * and prints every problem in Japanese and English. Exit code 0 when all are valid, 2 otherwise.
 */
import { checkEachArgument } from './check-each-argument';
import { loadOperator, OperatorConfigError } from './load-operator';

checkEachArgument({
  usage: 'npm run operator:check -- config/operators/NAME.json [...]',
  failureExitCode: 2,
  check: (file) => {
    try {
      const config = loadOperator(file);
      console.log(`OK ${file}: ${config.name.ja} / ${config.name.en}`);
      return true;
    } catch (error) {
      if (!(error instanceof OperatorConfigError)) throw error;
      console.error(error.message);
      return false;
    }
  },
});

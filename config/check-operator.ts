/**
 * `npm run operator:check -- config/operators/NAME.json [...]`: validates operator configurations
 * and prints every problem in Japanese and English. Exit code 0 when all are valid, 2 otherwise.
 */
import { loadOperator, OperatorConfigError } from './load-operator';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('使い方 / usage: npm run operator:check -- config/operators/NAME.json [...]');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  try {
    const config = loadOperator(file);
    console.log(`OK ${file}: ${config.name.ja} / ${config.name.en}`);
  } catch (error) {
    if (!(error instanceof OperatorConfigError)) throw error;
    console.error(error.message);
    failed = true;
  }
}
process.exit(failed ? 2 : 0);

// Prints one closing line, "N passed, N failed", from jest's JSON results; a missing file is a failed run.
const fs = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`no results in ${file}: that run did not finish`);
    broken = true;
    continue;
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  if (results.numRuntimeErrorTestSuites > 0 || results.numTotalTests === 0) broken = true;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken || failed > 0 ? 1 : 0);

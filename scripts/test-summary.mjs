// Prints one closing line for the whole run ("N passed, N failed") from the runners' JSON reports.
import fs from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
try {
  const u = JSON.parse(fs.readFileSync('test-reports/unit.json', 'utf8'));
  passed += u.numPassedTests; failed += u.numFailedTests; skipped += u.numPendingTests + (u.numTodoTests ?? 0);
  // The attack suite: every test that reproduces an attack lives in a *.attack.test.ts file.
  const attacks = u.testResults.filter((f) => /\.attack\.test\.ts$/.test(f.name));
  const cases = attacks.flatMap((f) => f.assertionResults);
  const broken = cases.filter((c) => c.status === 'failed').length;
  console.log(`attack suite: ${cases.length} cases in ${attacks.length} files, ${cases.length - broken} held, ${broken} failed`);
} catch { failed += 1; console.log('unit: no report (the unit run did not finish)'); }
try {
  const e = JSON.parse(fs.readFileSync('test-reports/e2e.json', 'utf8'));
  passed += e.stats.expected + e.stats.flaky; failed += e.stats.unexpected; skipped += e.stats.skipped;
  if (e.stats.flaky) console.log(`e2e: ${e.stats.flaky} test(s) passed only on retry (flaky): see the list above`);
} catch { failed += 1; console.log('e2e: no report (the end-to-end run did not finish)'); }
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;

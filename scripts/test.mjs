// `npm test`: type check, lint, then every test. Each check that is not a vitest test (type check, lint)
// counts as one; the last line is the plain summary `N passed, N failed` from the real counts.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

let passed = 0;
let failed = 0;

function step(name, command, args) {
  console.log(`\n== ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  const ok = result.status === 0;
  console.log(`== ${name}: ${ok ? "ok" : "FAILED"}`);
  return ok;
}

/** A check that is not a vitest test counts as one pass or one failure. */
function check(name, command, args) {
  if (step(name, command, args)) passed++;
  else failed++;
}

check("typecheck (app)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
check("typecheck (core, no DOM)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.core.json"]);
check("lint", "npx", ["biome", "check", "."]);

const resultsFile = ".vitest-results.json";
rmSync(resultsFile, { force: true });
const vitestOk = step("tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${resultsFile}`,
]);
try {
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that fails to load has no failed tests in the counts, but it is a failure all the same:
  // count one for each such file.
  const brokenFiles = (results.testResults ?? []).filter(
    (file) => file.status === "failed" && !file.assertionResults?.some((t) => t.status === "failed"),
  ).length;
  failed += brokenFiles;
  if (!vitestOk && results.numFailedTests === 0 && brokenFiles === 0) failed++;
} catch {
  console.log("== tests: no results were written");
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

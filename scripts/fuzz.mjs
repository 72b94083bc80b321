// `npm run fuzz`: the long fuzz campaign, the same tests as in `npm test` with 100,000 programs per mode
// (RINGLAB_FUZZ_PER_MODE; RINGLAB_FUZZ_BATCH programs per test case). Figures are printed at the end of
// each mode; docs/security.md keeps the latest.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  RINGLAB_FUZZ_PER_MODE: process.env.RINGLAB_FUZZ_PER_MODE ?? "100000",
  RINGLAB_FUZZ_BATCH: process.env.RINGLAB_FUZZ_BATCH ?? "2000",
};
console.log(`fuzz: ${env.RINGLAB_FUZZ_PER_MODE} programs per mode, ${env.RINGLAB_FUZZ_BATCH} per test case`);
const result = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--project",
    "unit",
    "test/security/fuzz-user.test.ts",
    "test/security/fuzz-kernel.test.ts",
  ],
  { stdio: "inherit", env },
);
process.exit(result.status ?? 1);

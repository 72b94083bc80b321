// `npm run fuzz`: the long fuzz campaign, the same tests as in `npm test` with 100,000 programs per mode
// (RINGLAB_FUZZ_PER_MODE; RINGLAB_FUZZ_BATCH programs per test case). The two modes run side by side,
// one vitest each; every batch prints a progress line, and each mode its figures at the end.
// docs/security.md keeps the latest.
import { spawn } from "node:child_process";

const env = {
  ...process.env,
  RINGLAB_FUZZ_PER_MODE: process.env.RINGLAB_FUZZ_PER_MODE ?? "100000",
  RINGLAB_FUZZ_BATCH: process.env.RINGLAB_FUZZ_BATCH ?? "2000",
};
console.log(`fuzz: ${env.RINGLAB_FUZZ_PER_MODE} programs per mode, ${env.RINGLAB_FUZZ_BATCH} per test case`);
const runs = ["user", "kernel"].map(
  (ring) =>
    new Promise((resolve) => {
      const child = spawn(
        "npx",
        ["vitest", "run", "--project", "unit", `test/security/fuzz-${ring}.test.ts`],
        { stdio: "inherit", env },
      );
      child.on("exit", (code) => resolve(code ?? 1));
    }),
);
const codes = await Promise.all(runs);
process.exit(codes.every((code) => code === 0) ? 0 : 1);

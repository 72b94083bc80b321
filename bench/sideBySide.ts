/**
 * Side-by-side figures: the host time the classroom demo needs for its ten seconds of scenario, with
 * its three machines (kernel, user and verified mode) in lock step. At 1x the page must run all three
 * in real time, so the figure is CPU milliseconds per scenario second (1,000 is the frame budget used
 * up). Baseline, from the same run: one machine running the same ten seconds with the same driver in
 * user mode, as the workbench does; the ratio is what the demo's other machines add.
 */
import { SideBySideRunner } from "../src/app/sideBySide";
import { Kernel } from "../src/kernel/kernel";
import { CYCLES_PER_SECOND } from "../src/kernel/layout";
import { cpuSeconds, type Figure, figure } from "./figure";

const RUNS = 5;
const SLICE = 20_000;

/** The best of RUNS, in CPU milliseconds. */
function best(run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const start = cpuSeconds();
    run();
    fastest = Math.min(fastest, (cpuSeconds() - start) * 1000);
  }
  return fastest;
}

function oneMachine(driver: string, seconds: number): void {
  const k = new Kernel({ seed: 1 });
  k.boot();
  k.run(CYCLES_PER_SECOND);
  k.input({ kind: "insmod", path: driver, mode: "user" });
  for (let left = (seconds - 1) * CYCLES_PER_SECOND; left > 0; left -= SLICE) k.run(Math.min(SLICE, left));
}

export function sideBySideBenchmarks(): Figure[] {
  const figures: Figure[] = [];
  for (const driver of ["/drivers/null-handler.c", "/drivers/guard.c"]) {
    let seconds = 0;
    const demo = best(() => {
      const runner = new SideBySideRunner({ seed: 1, driver });
      runner.runToEnd(SLICE);
      seconds = runner.duration / CYCLES_PER_SECOND;
    });
    const single = best(() => oneMachine(driver, seconds));
    const name = driver.slice(driver.lastIndexOf("/") + 1);
    figures.push(
      figure(
        `app: side by side, ${name}, three machines`,
        demo / seconds,
        "CPU ms per scenario s",
        single / seconds,
        "baseline: one machine, the same driver in user mode; best of 5, the verifier's time included",
      ),
    );
  }
  return figures;
}

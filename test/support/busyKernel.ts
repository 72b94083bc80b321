/**
 * A kernel-mode driver that computes and writes memory without pause: the worst case for history's
 * checkpoints. The history bench times it, and the history window's tests run it.
 */
import { Kernel } from "../../src/kernel/kernel";

export const BUSY_DRIVER = `int table[4096];
int main(void) {
  int i = 0;
  int n = 1;
  while (1) {
    table[(i * 17) & 4095] = n;
    n = n * 5 + table[(i * 7) & 4095];
    i++;
  }
  return 0;
}
`;

/** A booted machine running BUSY_DRIVER in kernel mode, with no watchdog to stop it. */
export function busyKernel(): Kernel {
  const k = new Kernel({
    services: [],
    files: { "/drivers/busy.c": BUSY_DRIVER },
    watchdogTicks: 1_000_000_000,
  });
  k.boot();
  k.input({ kind: "insmod", path: "/drivers/busy.c", mode: "kernel" });
  return k;
}

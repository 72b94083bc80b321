/** Boots real kernels for tests: files on the disk, commands typed into the shell, events to inspect. */
import { Kernel, type KernelOptions } from "../../src/kernel/kernel";
import type { KernelEvent } from "../../src/kernel/kernelLog";

export function bootedKernel(files: Record<string, string>, options: KernelOptions = {}): Kernel {
  const kernel = new Kernel({ services: [], ...options, files });
  kernel.boot();
  return kernel;
}

export function eventsOf<K extends KernelEvent["kind"]>(
  kernel: Kernel,
  kind: K,
): Extract<KernelEvent, { kind: K }>[] {
  return kernel.log.events.filter((e): e is Extract<KernelEvent, { kind: K }> => e.kind === kind);
}

/** Assembly for a program that calls one kernel service with up to four arguments, then exits. */
export function callThenExit(service: string, args: (number | string)[], exitCode = 7): string {
  const moves = args.map((a, i) => `  li a${i}, ${a}`).join("\n");
  return `.kapi ${service}
.kapi exit
.text
main:
${moves}
  call ${service}
  mov s0, a0
  li a0, ${exitCode}
  call exit
`;
}

/** A program that sleeps forever: the bystander whose survival shows isolation. */
export const SLEEPER = `.kapi sleep
.text
main:
  li a0, 10
  call sleep
  j main
`;

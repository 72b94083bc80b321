/**
 * What every user process gets besides its own image: the user-mode heap library (userHeapSource.ts),
 * mapped read-only at USER_RUNTIME_BASE. The loader binds the kernel-API imports by mode, as a dynamic
 * linker would: in kernel mode `malloc`, `realloc` and `free` become direct calls into the kernel pool
 * (drivers.ts rewrites their `sys N` to `hcall N`); in user mode their stubs jump to this library, which
 * manages the heap in the process's own pages and asks the kernel only for pages (sbrk). So one image
 * still loads in either ring, and the kernel never walks memory a user process controls.
 */
import { encode, OP } from "../machine/isa";
import { KERNEL_SERVICE_BY_NAME } from "../shared/kernelApi";
import { err, ok, type Result } from "../shared/result";
import { build } from "../toolchain/build";
import type { Image } from "../toolchain/image";
import { USER_RUNTIME_BASE } from "./layout";
import { USER_HEAP_PATH, USER_HEAP_SOURCE } from "./userHeapSource";

export interface UserRuntime {
  image: Image;
  /** Where each bound import goes, by kernel-service number. */
  targets: ReadonlyMap<number, number>;
}

const BOUND: readonly [service: string, symbol: string][] = [
  ["malloc", "heap_alloc"],
  ["free", "heap_free"],
  ["realloc", "heap_realloc"],
];

let built: Result<UserRuntime, string> | undefined;

/** The library, built once per host (it is the same for every machine, like a ROM). */
export function userRuntime(): Result<UserRuntime, string> {
  built ??= buildRuntime();
  return built;
}

function buildRuntime(): Result<UserRuntime, string> {
  const output = build(USER_HEAP_PATH, USER_HEAP_SOURCE, { base: USER_RUNTIME_BASE });
  const errors = output.diagnostics.filter((d) => d.severity === "error");
  if (!output.image || errors.length > 0)
    return err(`the user heap library does not build: ${errors.map((d) => d.message).join("; ")}`);
  const image = output.image;
  const targets = new Map<number, number>();
  for (const [service, symbol] of BOUND) {
    const found = image.symbols.find((s) => s.name === symbol);
    const number = KERNEL_SERVICE_BY_NAME.get(service)?.number;
    if (!found || number === undefined) return err(`the user heap library has no ${symbol}`);
    targets.set(number, found.address);
  }
  return ok({ image, targets });
}

/**
 * A user-mode copy of an image (linked at its final address) whose malloc, realloc and free stubs jump
 * to the library: each stub's `sys N` becomes `j target`, and the library's own `ret` returns to the caller.
 */
export function bindUserImports(image: Image, runtime: UserRuntime): Result<Image, string> {
  const sites = image.kernelCalls.filter((site) => runtime.targets.has(site.service));
  if (sites.length === 0) return ok(image);
  const bytes = image.bytes.slice();
  const view = new DataView(bytes.buffer);
  for (const site of sites) {
    const target = runtime.targets.get(site.service) as number;
    const offset = (target - (site.address + 4)) / 4;
    if (!Number.isInteger(offset) || offset < -(1 << 19) || offset >= 1 << 19)
      return err(`${site.name} at 0x${site.address.toString(16)} is out of reach of the user heap library`);
    view.setUint32(site.address - image.base, encode(OP.JAL, 0, 0, 0, offset, "J"), true);
  }
  return ok({ ...image, bytes, kernelCalls: image.kernelCalls.filter((site) => !sites.includes(site)) });
}

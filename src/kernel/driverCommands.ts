/**
 * Loading and unloading drivers as commands: what the shell's insmod and rmmod do, and what the app's
 * load buttons do through the kernel's door for inputs, with typed arguments. Each returns the one
 * line the console shows.
 */
import { type FailurePolicy, insmod, rmmod, setBootStart } from "./drivers";
import type { Kernel } from "./kernel";
import type { DriverMode } from "./kernelLog";
import { ringOf } from "./process";
import type { RestartPolicy } from "./restartPolicy";

export interface InsmodRequest {
  path: string;
  mode: DriverMode;
  checked?: boolean;
  /** Also load it at every boot (a line in /boot/drivers.conf). */
  boot?: boolean;
  policy?: Partial<RestartPolicy>;
  /** An event whose verdict never comes: allowed (fail open, the default) or blocked. */
  onFailure?: FailurePolicy;
}

export function insmodCommand(k: Kernel, request: InsmodRequest): string {
  const { path, mode } = request;
  if (request.boot) setBootStart(k, path, mode, true);
  const loaded = insmod(k, path, mode, {
    boot: request.boot ?? false,
    checked: request.checked ?? false,
    ...(request.policy ? { policy: request.policy } : {}),
    ...(request.onFailure ? { onFailure: request.onFailure } : {}),
  });
  if (!loaded.ok) return `insmod: ${loaded.error}`;
  const record = loaded.value;
  const where = ringOf(record.mode) === "user" ? `ring 3, pid ${record.pid}` : "ring 0";
  return `${record.name} loaded in ${record.mode} mode (${where})`;
}

export function rmmodCommand(k: Kernel, name: string, boot: boolean): string {
  if (boot) {
    const record = k.drivers.get(name) ?? k.drivers.get(`${name}.sys`);
    if (record) setBootStart(k, record.path, record.mode, false);
  }
  const error = rmmod(k, name);
  return error ? `rmmod: ${error}` : "";
}

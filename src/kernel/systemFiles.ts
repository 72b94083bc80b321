/** The files a new machine's disk starts with, and the list of services started at boot. */
import type { Kernel } from "./kernel";
import { SYSTEM_FILES } from "./systemSources";

/** Puts the system files (and the caller's own) on the disk, without replacing what is there. */
export function installSystemFiles(k: Kernel, extra: Record<string, string | Uint8Array> = {}): void {
  const disk = k.machine.devices.disk;
  for (const [path, text] of Object.entries(SYSTEM_FILES))
    if (disk.read(path) === undefined) disk.write(path, text);
  for (const [path, content] of Object.entries(extra)) disk.write(path, content);
  if (k.options.services) disk.write("/etc/services", k.options.services.map((s) => `${s}\n`).join(""));
}

/** Programs to start at boot, from /etc/services (names of files in /bin, without .c). */
export function readServiceList(k: Kernel): string[] {
  const text = k.machine.devices.disk.readText("/etc/services") ?? "";
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => /^[A-Za-z0-9_.-]+$/.test(line));
}

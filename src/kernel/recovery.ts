/**
 * The recovery screen. After RECOVERY_AFTER_FAILED_BOOTS failed boots in a row (boot.ts), the machine
 * does not try a normal boot again: it starts this small recovery environment instead, as Windows
 * starts its Recovery Environment (WinRE) after two consecutive failed boots. No boot-start driver and
 * no service runs here; the kernel, the disk and the console do. The screen offers three ways on:
 *
 *   1  safe mode       a boot that loads only the drivers the system marks essential. In Ringlab the
 *                      disk and the file system are part of the kernel, and no driver of
 *                      /boot/drivers.conf is essential, so none of the learner's drivers loads.
 *   2  recovery shell  the shell, here, on the system disk: delete or fix what crashes the machine.
 *   3  restart         a normal boot (which, if nothing changed, fails again).
 *
 * Real recovery screens also ask for the BitLocker recovery key of an encrypted disk before they let
 * anyone at the files; Ringlab's disk is not encrypted, so this one does not.
 */
import type { Kernel } from "./kernel";
import { dispatch } from "./scheduler";

const SCREEN = (failed: number) =>
  "\r\nRecovery\r\n" +
  `The last ${failed} boots failed, so this one starts the recovery screen instead of a normal boot.\r\n` +
  "No boot-start driver and no service is running.\r\n\r\n" +
  "  1  Safe mode: start with only the essential drivers (none of /boot/drivers.conf)\r\n" +
  "  2  Recovery shell: a shell on the system disk, here\r\n" +
  "  3  Restart normally\r\n\r\n";

const ASK = "Type 1, 2 or 3, then Enter.";

/** What a boot in safe mode chosen on this screen says before it starts. */
export const SAFE_MODE_FROM_RECOVERY =
  "\r\nSafe mode, chosen on the recovery screen. Remove what crashes the machine, then type 'reboot'.\r\n\r\n";

/**
 * Starts the screen: called by boot instead of loading the boot-start drivers and the services, with
 * the kernel's structures built and the timer running. The shell reads the choice.
 */
export function startRecoveryScreen(k: Kernel): void {
  k.print(SCREEN(k.failedBootsInRow));
  k.dmesg(`boot ${k.bootNumber}: recovery screen after ${k.failedBootsInRow} failed boots`);
  if (k.options.shell !== false) k.shell.start(ASK, "recovery");
  dispatch(k, false);
}

/** One line typed on the screen: the choice's answer (the shell prints it). */
export function chooseOnRecoveryScreen(k: Kernel, line: string): string {
  const choice = line.trim().toLowerCase();
  if (choice === "1" || choice === "safe mode") return restart(k, true);
  if (choice === "3" || choice === "restart") return restart(k, false);
  if (choice === "2" || choice === "recovery shell") {
    k.shell.leaveMenu();
    return "Recovery shell. The system disk is /; no driver and no service runs. Type 'reboot' when done.";
  }
  return ASK;
}

function restart(k: Kernel, safeMode: boolean): string {
  k.record.power.rebootRequested = safeMode ? { safeMode: true, recovery: true } : {};
  k.machine.requestStop({ kind: "host", detail: "reboot" });
  return safeMode ? "Restarting in safe mode..." : "Restarting...";
}

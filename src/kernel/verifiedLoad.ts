/**
 * Verified mode, the kernel's side: a driver loads into ring 0 only if the verifier (src/verifier)
 * proves its event handlers safe, and then runs with no run-time checks, as an eBPF program does. The
 * image the verifier reads is the linked one, before relocation and before the loader rewrites `sys`
 * to `hcall`. A handler driver's `main` is the handler runtime the toolchain adds (handlerRuntime.ts):
 * trusted, generated code that calls `on_load` once and then `on_event` per event from the kernel's
 * `next_event` loop, the part of the driver the learner did not write and the verifier does not need
 * to prove. The verifier's report goes into the log without any time in it, so a replay is identical.
 *
 * Verdicts: `on_event` returns 0 to allow an event and non-zero to block it; the runtime reports it
 * with `event_verdict`. When no verdict comes (a user-mode handler's process died with the event in
 * flight), the driver's failure policy decides: allow (fail open, the default) or block (fail closed).
 */

import type { SensorEvent } from "../machine/devices/eventSource";
import { err, ok, type Result } from "../shared/result";
import type { Image } from "../toolchain/image";
import { formatReport, verify } from "../verifier/verify";
import { type DriverRecord, describeEvent } from "./drivers";
import type { Kernel } from "./kernel";

/** Verifies a driver's image for a verified-mode load; the report's text when it is refused. */
export function verifyForLoad(k: Kernel, driver: string, image: Image): Result<void, string> {
  const hasHandler = image.symbols.some((s) => s.name === "on_event" && s.kind === "function");
  const report = verify(image);
  const message = hasHandler
    ? formatReport(report)
    : `${driver} has no on_event: verified mode loads event handlers, a function the kernel calls once per event (docs/verifier.md); a driver with its own main loop can never be proved to end`;
  const accepted = hasHandler && report.accepted;
  k.emit({
    kind: "verifier",
    driver,
    accepted,
    message,
    instructions: report.instructions,
    states: report.states,
    loops: report.loops,
    messages: report.messages.map((m) => ({ ...m })),
  });
  k.dmesg(`verifier: ${driver} ${accepted ? "accepted" : "refused"}`);
  return accepted ? ok(undefined) : err(`the verifier refused ${driver}:\n${message}`);
}

/** Records a driver's verdict on the event it is working on (event_verdict); false if none is. */
export function recordVerdict(k: Kernel, record: DriverRecord, verdict: number): boolean {
  const event = record.inFlight;
  if (!event) return false;
  const blocked = verdict !== 0;
  k.emit({ kind: "verdict", driver: record.name, event: describeEvent(event), blocked, byPolicy: false });
  if (blocked) k.print(`[event ${describeEvent(event)} blocked by ${record.name}]\r\n`);
  return true;
}

/** No verdict came for an event (its handler died): the driver's failure policy answers for it. */
export function applyFailurePolicy(k: Kernel, record: DriverRecord, event: SensorEvent): void {
  const blocked = record.onFailure === "block";
  k.emit({ kind: "verdict", driver: record.name, event: describeEvent(event), blocked, byPolicy: true });
  if (blocked) k.print(`[event ${describeEvent(event)} blocked: ${record.name} failed closed]\r\n`);
}

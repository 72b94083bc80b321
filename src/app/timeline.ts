/**
 * The event timeline: each kernel event as an entry a person can read (a title, a tone, details to
 * show when it is opened) and, for the events that matter most, an announcement for screen readers.
 * One table, one row per event kind.
 */

import type { KernelEvent } from "../kernel/kernelLog";
import { TICKS_PER_SECOND } from "../kernel/layout";
import { ringOf } from "../kernel/process";
import { STOP_CODES, type StopCodeName } from "../kernel/stopCodes";
import { hex, hexUpper } from "../shared/bits";

/** Good news, plain news, a warning, or something broke; the view adds a word and an icon for each. */
export type Tone = "good" | "info" | "warn" | "bad";

export interface TimelineEntry {
  seq: number;
  kind: KernelEvent["kind"];
  boot: number;
  /**
   * Seconds of the kernel's clock since that boot: the clock dmesg and uptime read (the firmware's
   * wait for the safe-mode key, before the kernel starts, does not count).
   */
  seconds: number;
  tone: Tone;
  title: string;
  details: [label: string, value: string][];
}

export interface Described {
  tone: Tone;
  title: string;
  details: [string, string][];
  announce?: { text: string; urgent: boolean };
}

export const hex32 = (n: number): string => hex(n);

type Of<K extends KernelEvent["kind"]> = Extract<KernelEvent, { kind: K }>;
type Describers = { [K in KernelEvent["kind"]]: (e: Of<K>) => Described };

const DESCRIBE: Describers = {
  boot: (e) => ({
    tone: e.safeMode || e.recovery ? "warn" : "info",
    title: `Boot ${e.bootNumber}${e.recovery ? (e.safeMode ? " in safe mode, chosen on the recovery screen" : ": the recovery screen") : e.safeMode ? " in safe mode" : ""}`,
    details: [
      ["boot", String(e.bootNumber)],
      ["safe mode", e.safeMode ? "yes: boot-start drivers are not loaded" : "no"],
      ...(e.recovery ? [["why", "the boots before this one failed"] as [string, string]] : []),
    ],
    ...(e.bootNumber > 1
      ? { announce: { text: `The machine is booting again (boot ${e.bootNumber}).`, urgent: false } }
      : {}),
  }),
  "boot-complete": (e) => ({
    tone: "good",
    title: `Boot ${e.bootNumber} complete`,
    details: [["meaning", "the machine ran its first second without crashing"]],
  }),
  "process-start": (e) => ({
    tone: "info",
    title: `Started ${e.name} (pid ${e.pid})`,
    details: [
      ["pid", String(e.pid)],
      ["kind", e.role === "driver" ? "driver" : "program"],
    ],
  }),
  "process-exit": (e) => ({
    tone: "info",
    title: `${e.name} (pid ${e.pid}) exited with code ${e.code}`,
    details: [
      ["pid", String(e.pid)],
      ["exit code", String(e.code)],
    ],
  }),
  "process-fault": (e) => ({
    tone: "bad",
    title: `${e.name} (pid ${e.pid}) faulted and was stopped`,
    details: [
      ["what happened", e.message],
      ["address", hex32(e.address)],
      ["instruction at", hex32(e.pc)],
      ["what it means", "a fault in user mode ends that process only; the rest of the machine runs on"],
    ],
    announce: {
      text: `${e.name} faulted in user mode and was stopped. The machine keeps running.`,
      urgent: false,
    },
  }),
  "process-killed": (e) => ({
    tone: "bad",
    title: `${e.name} (pid ${e.pid}) was killed`,
    details: [["why", e.reason]],
    announce: { text: `${e.name} was killed: ${e.reason}.`, urgent: false },
  }),
  "driver-load": (e) => ({
    tone: "info",
    title: `Loaded ${e.driver} in ${e.mode} mode`,
    details: [
      ["file", e.path],
      [
        "ring",
        ringOf(e.mode) === "user"
          ? "3 (user): its own process and address space"
          : "0 (kernel): shares the kernel",
      ],
      ["boot-start", e.boot ? "yes" : "no"],
    ],
  }),
  "driver-load-failed": (e) => ({
    tone: "warn",
    title: `Could not load ${e.path}`,
    details: [
      ["mode", e.mode],
      ["why", e.message],
    ],
  }),
  "driver-unload": (e) => ({ tone: "info", title: `Unloaded ${e.driver}`, details: [] }),
  "driver-crash": (e) => ({
    tone: "bad",
    title: `${e.driver} crashed (crash ${e.crashes})`,
    details: [
      ["mode", e.mode],
      ["what happened", e.message],
    ],
  }),
  "driver-hung": (e) => ({
    tone: "warn",
    title: `${e.driver} did not answer its heartbeat`,
    details: [
      ["silent for", `${e.ticks} ticks (${(e.ticks / 100).toFixed(2)} s)`],
      ["what happens", "a user-mode driver that stops answering is ended and restarted"],
    ],
  }),
  "driver-restart": (e) => ({
    tone: "good",
    title: `Restarted ${e.driver} (restart ${e.attempt})`,
    details: [["restart", String(e.attempt)]],
    announce: { text: `${e.driver} was restarted (restart ${e.attempt}).`, urgent: false },
  }),
  "driver-restart-scheduled": (e) => ({
    tone: "info",
    title:
      e.delayTicks === 0
        ? `Restarting ${e.driver} at once`
        : `Restarting ${e.driver} in ${(e.delayTicks / 100).toFixed(2)} s`,
    details: [
      ["attempt", String(e.attempt)],
      ["delay", `${e.delayTicks} ticks (the delay doubles after each failure)`],
    ],
  }),
  "driver-give-up": (e) => ({
    tone: "bad",
    title: `Gave up on ${e.driver} after ${e.failures} failures`,
    details: [
      ["failures", `${e.failures} within ${(e.windowTicks / 100).toFixed(0)} s`],
      ["what happens", "the driver stays stopped; everything else keeps running"],
    ],
    announce: {
      text: `The kernel stopped restarting ${e.driver} after ${e.failures} failures.`,
      urgent: false,
    },
  }),
  "request-terminated": (e) => ({
    tone: "warn",
    title: `${e.request} failed: ${e.status}`,
    details: [
      ["driver", e.driver],
      ["status", e.status],
      ["meaning", "the request the driver was working on completes with an error instead of hanging"],
    ],
  }),
  bugcheck: (e) => {
    const info = STOP_CODES[e.stopCode as StopCodeName];
    const names = info?.parameters ?? ["", "", "", ""];
    return {
      tone: "bad",
      title: `Bugcheck: ${e.stopCode}${e.module ? ` in ${e.module}` : ""}`,
      details: [
        ["stop code", `${e.stopCode} (${hexUpper(e.code, 1)})`],
        ["what failed", e.module ?? "the kernel could not name a module"],
        ["what happened", e.message],
        ...e.parameters.map(
          (p, i) => [`parameter ${i + 1}`, `${hex32(p)}  ${names[i] ?? ""}`] as [string, string],
        ),
        ["during boot", e.duringBoot ? "yes" : "no"],
        ...(info ? [["explanation", info.explanation] as [string, string]] : []),
      ],
      announce: {
        text: `Bugcheck: the whole machine stopped. Stop code ${e.stopCode.replace(/_/g, " ")}${e.module ? `, failing module ${e.module}` : ""}.`,
        urgent: true,
      },
    };
  },
  verifier: (e) => ({
    tone: e.accepted ? "good" : "warn",
    title: `Verifier ${e.accepted ? "accepted" : "refused"} ${e.driver}`,
    details: [
      ["report", e.message],
      ["analysed", `${e.instructions} instructions, ${e.loops} loops, ${e.states} states`],
    ],
  }),
  verdict: (e) => ({
    tone: e.blocked ? "warn" : "info",
    title: `${e.blocked ? "Blocked" : "Allowed"} by ${e.driver}${e.byPolicy ? " (its failure policy: no verdict came)" : ""}`,
    details: [["event", e.event]],
  }),
  "file-removed": (e) => ({ tone: "info", title: `Removed ${e.path}`, details: [] }),
  "access-denied": (e) => ({
    tone: "warn",
    title: `Refused: ${e.name} may not ${e.operation} ${e.path}`,
    details: [
      ["account", e.account],
      ["why", e.reason],
      ["returned", "-13 (permission denied)"],
    ],
  }),
  shutdown: () => ({ tone: "info", title: "The machine powered off", details: [] }),
};

export function describeEvent(event: KernelEvent): Described {
  const describe = DESCRIBE[event.kind] as (e: KernelEvent) => Described;
  return describe(event);
}

export function timelineEntry(event: KernelEvent, boot: number): TimelineEntry {
  const described = describeEvent(event);
  return {
    seq: event.seq,
    kind: event.kind,
    boot,
    seconds: event.tick / TICKS_PER_SECOND,
    tone: described.tone,
    title: described.title,
    details: described.details,
  };
}

/** The timeline keeps this many entries; older ones scroll away. */
export const TIMELINE_LIMIT = 400;

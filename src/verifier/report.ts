/**
 * Step 6: the report learners read. Accepted: one line of figures. Rejected: one root cause, at its C
 * line, in plain words, with the branch decisions that lead there, what is known about the variables,
 * and a suggestion.
 */
import { REG } from "../machine/isa";
import { LIBRARY_FILE } from "../toolchain/c/prelude";
import type { Failure } from "./checker";
import type { Program } from "./decode";
import { sourceOf } from "./decode";
import { describeValue, KIND, type Value } from "./domain";

/** Whether the call at `site` leads (directly or through more calls) into the C library. */
function isLibraryCall(p: Program, site: number, sites: number[]): boolean {
  const i = sites.indexOf(site);
  const next = sites[i + 1];
  return next === undefined || sourceOf(p, next)?.file === LIBRARY_FILE;
}

export interface VerifierMessage {
  file: string;
  line: number;
  col: number;
  message: string;
  suggestion?: string;
  /** The branch decisions on the way, and what is known about the variables there. */
  notes?: string[];
}

export interface VerifierReport {
  accepted: boolean;
  /** Distinct instructions analysed. */
  instructions: number;
  /** Abstract states computed (instructions processed, counting each visit). */
  states: number;
  loops: number;
  /** The most cycles one on_event call can take. */
  cycles: number;
  /** The most stack one call uses, in bytes. */
  stack: number;
  messages: VerifierMessage[];
  /** The per-instruction log, when asked for. */
  log?: string[];
}

const number = (n: number) => n.toLocaleString("en-US");

/** "verified: 312 instructions, 2 loops bounded, 1,840 states" or the root cause in a few lines. */
export function formatReport(r: VerifierReport, ms?: number): string {
  if (r.accepted) {
    const loops = `${r.loops} loop${r.loops === 1 ? "" : "s"} bounded`;
    const time = ms === undefined ? "" : ` in ${ms.toFixed(1)} ms`;
    return `verified: ${number(r.instructions)} instructions, ${loops}, ${number(r.states)} states${time} (at most ${number(r.cycles)} cycles and ${number(r.stack)} bytes of stack per event)`;
  }
  const lines: string[] = [];
  for (const m of r.messages) {
    lines.push(`${m.file}:${m.line}:${m.col}: rejected: ${m.message}`);
    for (const note of m.notes ?? []) lines.push(`  ${note}`);
    if (m.suggestion) lines.push(`  suggestion: ${m.suggestion}`);
  }
  return lines.join("\n");
}

export function failureMessage(p: Program, f: Failure): VerifierMessage {
  // A failure inside the C library is the caller's: report it at the driver's own call.
  let where = sourceOf(p, f.address);
  let prefix = "";
  let message = f.message;
  let suggestion = f.suggestion;
  // The calls on the way, outermost first, up to the one the report is at.
  let callers = f.callSites ?? [];
  if (where?.file === LIBRARY_FILE) {
    const site = f.callSites?.find(
      (a) => sourceOf(p, a)?.file !== LIBRARY_FILE && isLibraryCall(p, a, f.callSites ?? []),
    );
    if (site !== undefined) {
      const callee = where.func ?? "a library function";
      where = sourceOf(p, site);
      prefix = `in ${callee} (the C library), called here: `;
      callers = callers.slice(0, callers.indexOf(site));
      // The library's string functions read until a NUL: the pointer they walk runs out of any
      // bound the verifier can prove, which is the usual reason, not a NULL the driver passed.
      if (f.lostPointer) {
        message = `${callee} reads until a NUL (or for a length the verifier cannot bound), and the verifier cannot prove where that ends, so it loses track of the pointer ${callee} reads through; a pointer that may be NULL is refused the same way`;
        suggestion = `write the loop yourself, with a limit the verifier can see: for example \`for (n = 0; n < 32 && ev->name[n]; n++)\``;
      }
    }
  }
  const notes: string[] = [];
  // A bad access inside a helper is often its caller's bug (a bad index passed down): say who called.
  const chain = callers
    .map((a) => sourceOf(p, a))
    .filter((s) => s !== undefined && s.file !== LIBRARY_FILE)
    .reverse()
    .map((s) => `line ${s?.line} (${s?.func ?? "?"})`);
  if (chain.length > 0) notes.push(`called from: ${chain.join(", from ")}`);
  const decisions: string[] = [];
  // Decisions inside the C library are about code the learner did not write, with its line numbers.
  for (let d = f.state?.trail; d && decisions.length < 3; d = d.previous)
    if (sourceOf(p, d.address)?.file !== LIBRARY_FILE) decisions.unshift(d.text());
  if (decisions.length > 0) notes.push(`on the way: ${decisions.join("; ")}`);
  const known = [
    ...(f.facts ?? []),
    ...(f.state ? knownVariables(p, f.address, f.state.regs, f.state.stack) : []),
  ];
  if (known.length > 0) notes.push(`known here: ${[...new Set(known)].join("; ")}`);
  return {
    file: where?.file ?? "?",
    line: where?.line ?? 0,
    col: where?.col ?? 0,
    message: `${prefix}${message} (instruction at 0x${f.address.toString(16)})`,
    suggestion,
    notes,
  };
}

/** What the analysis knows about the C variables of the function the failure is in. */
function knownVariables(p: Program, address: number, regs: Value[], stack: Map<number, Value>): string[] {
  const fn = [...p.functions.values()].find((f) => address >= f.start && address < f.end);
  const out: string[] = [];
  for (const local of fn?.debug?.locals ?? []) {
    let v: Value | undefined;
    if (local.location.kind === "register") v = regs[local.location.register];
    else if (local.location.kind === "frame") {
      const fp = regs[REG.FP];
      if (fp.kind === KIND.STACK && fp.lo === fp.hi && local.size === 4)
        v = stack.get(fp.lo + local.location.offset);
    }
    if (!v || v.kind === KIND.UNINIT || v.kind === KIND.ENTRY) continue;
    const text = describeValue({ ...v, name: undefined });
    out.push(`${local.name} is ${text}`);
  }
  return out;
}

/**
 * Step 5: does each assertion hold in the state the analysis computed? A failed check becomes the
 * report's one root cause, worded for a learner: what the instruction does in C terms, why it may go
 * wrong, and what check would prove it safe.
 */
import { REG, REGISTER_NAMES } from "../machine/isa";
import type { Assertion } from "./assertions";
import { type FunctionInfo, type Program, readByte } from "./decode";
import { formatRange, type GlobalObject, INT_MIN, isPointer, KIND, type State, type Value } from "./domain";

export interface Failure {
  address: number;
  message: string;
  suggestion?: string;
  /** Extra facts for the report (what is known about the variables involved). */
  facts?: string[];
  state?: State;
  /** The calls on the way (addresses of the call instructions), outermost first. */
  callSites?: number[];
  /** The access went through a value the analysis lost track of (any number, perhaps NULL). */
  lostPointer?: boolean;
}

export const EVENT_SIZE = 104;
const EVENT_FIELDS = [
  { name: "kind", start: 0, size: 4, element: 4 },
  { name: "pid", start: 4, size: 4, element: 4 },
  { name: "name", start: 8, size: 32, element: 1 },
  { name: "arg", start: 40, size: 64, element: 1 },
];

export interface CheckContext {
  program: Program;
  fn: FunctionInfo;
  /** The line of the instruction, for suggestions ("before line 42"). */
  line: number;
  stackBytes: number;
  eventName: string;
}

export function describe(v: Value, register: number): string {
  return v.name ?? REGISTER_NAMES[register];
}

/** The checks of a memory access. */
export function checkAccess(
  c: CheckContext,
  a: Extract<Assertion, { kind: "access" }>,
  s: State,
  address: number,
): Failure | undefined {
  const base = s.regs[a.base];
  const verb = a.write ? "writes" : "reads";
  if (!isPointer(base)) return notAPointer(c, verb, describe(base, a.base), base, address);
  const lo = base.lo + a.offset;
  const hi = base.hi + a.offset + a.width - 1;
  if (base.kind === KIND.STACK) {
    if (lo < -c.stackBytes || hi >= 0) {
      return {
        address,
        message: `${verb} the stack at ${lo}..${hi} bytes from the frame's top, outside the driver's own stack (${c.stackBytes} bytes below it)`,
        suggestion: "keep locals small, and index local arrays only within their length",
      };
    }
    return undefined;
  }
  if (base.kind === KIND.EVENT) {
    if (a.write)
      return {
        address,
        message: `writes to the event (${c.eventName}), which is read-only: the kernel's copy is shared with every driver`,
        suggestion: "copy what you need into a local or a global and change that",
      };
    const wild = base.lo === INT_MIN && base.tag !== undefined;
    // The field the access is in: where the pointer started (the event's base plus the field offset).
    const start = wild ? (base.tag as number) + a.offset : base.lo <= 0 && base.hi >= 0 ? a.offset : lo;
    if (lo < 0 || hi >= EVENT_SIZE)
      return boundsFailure(c, address, verb, base, lo, hi, eventObject(c, start), a.width);
    // A variable index must stay inside the field it started in (name[32] is not arg[0]).
    const field = eventObject(c, lo);
    if (base.lo !== base.hi && hi >= field.start + field.size)
      return boundsFailure(c, address, verb, base, lo, hi, field, a.width);
    return undefined;
  }
  const object = base.object as GlobalObject;
  if (a.write && !object.writable)
    return {
      address,
      message: `writes to ${object.string ? "a string literal" : object.name}, which is read-only`,
      suggestion: "write to a global array declared without const",
    };
  if (lo < 0 || hi >= object.size) {
    // Within a row of a two-dimensional array the index counts that row's elements, not rows.
    const within =
      object.inner !== undefined && base.name ? withinRow(c, s, base.name, object, hi, a.width) : false;
    if (within && base.name && object.inner && object.element) {
      const perRow = object.element / object.inner;
      const rows = Math.floor(object.size / object.element);
      const reach = Math.floor((hi - a.width + 1) / object.inner);
      return {
        address,
        message: `${verb} ${object.name}[..][${base.name}] where ${base.name} can be ${reach}, past the end of ${object.name}: ${rows} rows of ${perRow}`,
        suggestion: `check \`${base.name} < ${perRow}\` before line ${c.line}`,
      };
    }
    return boundsFailure(c, address, verb, base, lo, hi, object, a.width);
  }
  return undefined;
}

/**
 * An access through something that is not a trusted pointer. NULL gets its own words, because a
 * pointer that was never set, or that a search returned for "not found", is the usual bug behind it.
 */
function notAPointer(c: CheckContext, verb: string, what: string, base: Value, address: number): Failure {
  const trusted =
    "pointers may only come from the driver's stack, its own globals or the event, never from a number or from memory";
  const index = "index a global array or a local variable instead of computing an address";
  if (base.kind === KIND.UNINIT)
    return {
      address,
      message: `${verb} memory through ${what}, which holds no value on some path here`,
      suggestion: index,
    };
  if (base.kind !== KIND.SCALAR)
    return {
      address,
      message: `${verb} memory through ${what}, which is not a pointer to data`,
      suggestion: index,
    };
  if (base.lo === 0 && base.hi === 0)
    return {
      address,
      message: `${verb} memory through ${what} (0), which is NULL: an integer, not a pointer the verifier can trust; address 0 is never mapped, and in the kernel that fault stops the machine`,
      suggestion: base.name
        ? `make ${what} point at an object, or check \`${what} != 0\` before line ${c.line}`
        : index,
    };
  if (base.lo <= 0 && base.hi >= 0)
    return {
      address,
      lostPointer: true,
      message: `${verb} memory through ${what} (${formatRange(base)}), which may be NULL here: it is an integer, not a pointer the verifier can trust: ${trusted}, and a pointer that is NULL on one path and an address on another counts as a number`,
      suggestion: `${index}; keep an index (with -1 for "none") rather than a pointer that may be NULL, and check it before use`,
    };
  return {
    address,
    message: `${verb} memory through ${what} (${formatRange(base)}), which is an integer, not a pointer the verifier can trust: ${trusted}`,
    suggestion: index,
  };
}

/**
 * Whether the index named `name` counts a row's elements rather than rows: the named C variable's
 * range here (a local of the function) reaches the access's end in inner elements, not in rows.
 */
function withinRow(
  c: CheckContext,
  s: State,
  name: string,
  object: GlobalObject,
  hi: number,
  width: number,
): boolean {
  const local = c.fn.debug?.locals.find((l) => l.name === name);
  let v: Value | undefined;
  if (local?.location.kind === "register") v = s.regs[local.location.register];
  else if (local?.location.kind === "frame") {
    const fp = s.regs[REG.FP];
    if (fp.kind === KIND.STACK && fp.lo === fp.hi) v = s.stack.get(fp.lo + local.location.offset);
  }
  if (!v || v.kind !== KIND.SCALAR || !object.inner || !object.element) return false;
  const end = hi - width + 1;
  const asRows = Math.floor(end / object.element);
  const asInner = Math.floor(end / object.inner);
  return Math.abs(asInner - v.hi) < Math.abs(asRows - v.hi);
}

function eventObject(c: CheckContext, offset: number): GlobalObject {
  const f = EVENT_FIELDS.find((x) => offset >= x.start && offset < x.start + x.size);
  if (!f) return { name: c.eventName, start: 0, size: EVENT_SIZE, writable: false, element: 1 };
  return {
    name: `${c.eventName}->${f.name}`,
    start: f.start,
    size: f.size,
    writable: false,
    element: f.element,
  };
}

function boundsFailure(
  c: CheckContext,
  address: number,
  verb: string,
  pointer: Value,
  lo: number,
  hi: number,
  object: GlobalObject,
  width: number,
): Failure {
  const element = object.element ?? width;
  // Offsets relative to the object (the event's fields start inside the event).
  const rlo = lo - (pointer.kind === KIND.EVENT ? object.start : 0);
  const rhi = hi - (pointer.kind === KIND.EVENT ? object.start : 0);
  const count = Math.floor(object.size / element);
  const index = pointer.name;
  if (index && element > 0 && count > 1) {
    const ilo = Math.floor(rlo / element);
    const ihi = Math.floor((rhi - width + 1) / element);
    // Judged on the byte offsets, not the indexes: an unknown int index scaled by 4 fills the
    // offset's 32 bits, and divided back it would read as -536870912..536870911, a range it is not.
    // Near the ends of the 32 bits, so that a known large index (300,000,000) is still named.
    const unboundedAbove = rhi >= 0x7000_0000;
    const unboundedBelow = rlo <= -0x7000_0000;
    const bad =
      ihi >= count ? (unboundedAbove ? "any size" : ihi) : unboundedBelow ? "any negative number" : ilo;
    const guard =
      ilo < 0 && ihi >= count
        ? `${index} >= 0 && ${index} < ${count}`
        : ilo < 0
          ? `${index} >= 0`
          : `${index} < ${count}`;
    return {
      address,
      message: `${verb} ${object.name}[${index}] where ${index} can be ${bad}, but ${object.name} has ${count} elements, 0..${count - 1}`,
      suggestion: `check \`${guard}\` before line ${c.line}`,
      facts:
        !unboundedAbove && !unboundedBelow ? [`${index} is ${ilo === ihi ? ilo : `${ilo}..${ihi}`}`] : [],
    };
  }
  if (
    element > 1 &&
    count > 1 &&
    rlo % element === 0 &&
    (rhi + 1) % element === 0 &&
    rlo > -0x4000_0000 &&
    rhi < 0x4000_0000
  )
    return {
      address,
      message: `${verb} ${object.name}[${rlo / element}..${(rhi + 1) / element - 1}], but ${object.name} has ${count} elements, 0..${count - 1}`,
      suggestion: `check the index against ${count} before line ${c.line}`,
    };
  return {
    address,
    message: `${verb} bytes ${rlo}..${rhi} of ${object.name}, but ${object.name} is ${object.size} bytes, 0..${object.size - 1}`,
    suggestion: `check the index against the size of ${object.name} before line ${c.line}`,
  };
}

export function checkDivisor(
  c: CheckContext,
  register: number,
  s: State,
  address: number,
): Failure | undefined {
  const v = s.regs[register];
  if (v.kind === KIND.SCALAR && (v.lo > 0 || v.hi < 0 || v.nonzero)) return undefined;
  const what = describe(v, register);
  return {
    address,
    message: `divides by ${what}, which can be 0 (${what} is ${formatRange(v)} here): dividing by zero faults, and in the kernel that stops the machine`,
    suggestion: `check \`${what} != 0\` before line ${c.line}`,
  };
}

const FORBIDDEN: Record<string, string> = {
  privileged:
    "uses a privileged instruction, which a verified driver may not: only the kernel talks to devices and control registers",
  trap: "traps into the kernel directly (sys/brk): a verified driver reaches the kernel only through allowed helper calls",
  illegal: "runs a word that is not an instruction",
  indirect:
    "makes an indirect jump or call (jalr through a register): the verifier cannot know where it goes, so eBPF's verifier rejects these too",
  "code-write": "writes to the driver's code",
};

export function forbidden(why: string, mnemonic: string, address: number): Failure {
  return {
    address,
    message: `'${mnemonic}': ${FORBIDDEN[why] ?? why}`,
    suggestion: why === "indirect" ? "call functions by name" : undefined,
  };
}

/** The bytes of a NUL-terminated string that a global pointer points at, or undefined. */
export function constantString(p: Program, v: Value): string | undefined {
  if (v.kind !== KIND.GLOBAL || v.lo !== v.hi || !v.object?.string) return undefined;
  let text = "";
  for (let a = v.object.start + v.lo; ; a++) {
    const b = readByte(p.image, a);
    if (b === undefined) return undefined;
    if (b === 0) return text;
    text += String.fromCharCode(b);
  }
}

/** The conversions of a printf format, in order ('s', 'd', ...); undefined if malformed. */
export function formatConversions(format: string): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") continue;
    i++;
    while (format[i] === "-" || format[i] === "0") i++;
    while (format[i] >= "0" && format[i] <= "9") i++;
    const conv = format[i];
    if (conv === "%") continue;
    if (!conv || !"diuxXpcs".includes(conv)) return undefined;
    out.push(conv);
  }
  return out;
}

/**
 * Calls to kernel services from verified code: only the allow-listed ones, each argument checked
 * against the service's contract (src/shared/serviceContracts.ts): printf's constant format and the
 * arguments its conversions need, read_file's constant path and global buffer, in on_load only.
 */
import { REG } from "../machine/isa";
import { SERVICE_CONTRACTS } from "../shared/serviceContracts";
import { constantString, type Failure, formatConversions } from "./checker";
import type { Program } from "./decode";
import { describeValue, KIND, type State, scalar, UNINIT, type Value } from "./domain";

export interface HelperContext {
  program: Program;
  inOnLoad: boolean;
  eventName: string;
  /** Reports a failed contract (in the checking pass it ends the analysis). */
  fail(f: Failure): void;
}

/** Cycles a helper call may cost in the kernel beyond its stub (printf: a format of up to 1 KiB). */
const HELPER_CYCLES: Record<string, number> = { printf: 1200, read_file: 66_000 };
const DEFAULT_HELPER_CYCLES = 40;
const CALLER_SAVED = [REG.A0, REG.A1, REG.A2, REG.A3, REG.T0, REG.T1, REG.T2, REG.T3, REG.T4, REG.LR];

/** A kernel API call: allowed here? arguments meet the contract? Returns the cycles it may cost. */
export function helperCall(c: HelperContext, name: string, s: State, address: number): number {
  const contract = SERVICE_CONTRACTS[name];
  const allowed = "printf, ticks, getpid and rand, and read_file in on_load";
  if (!contract || contract.verified === "never")
    c.fail({
      address,
      message: `calls ${name}, which a verified driver may not call (it may call ${allowed})`,
      suggestion:
        name === "next_event"
          ? "write the driver as on_event: the kernel calls it for each event"
          : undefined,
    });
  if (!contract) return DEFAULT_HELPER_CYCLES;
  if (contract.verified === "on_load" && !c.inOnLoad)
    c.fail({
      address,
      message: `calls ${name} in on_event: it may only be called in on_load, which runs once when the driver is loaded`,
      suggestion: `move the ${name} call into \`int on_load(void)\``,
    });
  for (let i = 0; i < contract.args.length; i++) {
    const arg = contract.args[i];
    const v = s.regs[REG.A0 + i];
    const what = `argument ${i + 1} of ${name}`;
    if (arg.kind === "scalar") {
      if (v.kind !== KIND.SCALAR || v.lo < arg.min || v.hi > arg.max)
        c.fail({
          address,
          message: `${what} must be a number from ${arg.min} to ${arg.max}, but it is ${describeValue(v)}`,
        });
    } else if (arg.kind === "constant-string") {
      if (constantString(c.program, v) === undefined)
        c.fail({
          address,
          message: `${what} must be a string literal (a constant path), but it is ${describeValue(v)}`,
        });
    } else if (arg.kind === "format") {
      checkFormat(c, s, address, v);
    } else {
      const size = s.regs[REG.A0 + arg.sizeArgument];
      if (size.kind !== KIND.SCALAR || size.lo !== size.hi)
        c.fail({
          address,
          message: `${what}'s size (argument ${arg.sizeArgument + 1}) must be a constant`,
        });
      const writable = v.kind === KIND.GLOBAL && v.object?.writable === true;
      if (!writable || v.lo < 0 || v.hi + size.hi > (v.object?.size ?? 0))
        c.fail({
          address,
          message: `${what} must point to a global buffer of at least ${size.hi} bytes${v.kind === KIND.GLOBAL ? `, but ${v.object?.name} has ${(v.object?.size ?? 0) - v.lo} bytes from there` : `, but it is ${describeValue(v)}`}`,
          suggestion: `declare the buffer as a global array, e.g. \`char buf[${size.hi}];\``,
        });
    }
  }
  for (const r of CALLER_SAVED) s.regs[r] = UNINIT;
  const result = contract.result;
  s.regs[REG.A0] = result.kind === "scalar" ? scalar(result.min, result.max, `${name}()`) : UNINIT;
  return (HELPER_CYCLES[name] ?? DEFAULT_HELPER_CYCLES) + 6;
}

function checkFormat(c: HelperContext, s: State, address: number, v: Value): void {
  const format = constantString(c.program, v);
  if (format === undefined)
    c.fail({
      address,
      message: `printf's format must be a string literal, but it is ${describeValue(v)}`,
      suggestion: 'write the format in the call: printf("%d\\n", x)',
    });
  if (format === undefined) return;
  const conversions = formatConversions(format);
  if (!conversions) {
    c.fail({ address, message: `printf's format "${format}" has a conversion printf does not know` });
    return;
  }
  const sp = s.regs[REG.SP];
  for (let k = 0; k < conversions.length; k++) {
    const conv = conversions[k];
    let arg: Value;
    if (k < 3) arg = s.regs[REG.A1 + k];
    else if (sp.kind === KIND.STACK && sp.lo === sp.hi) arg = s.stack.get(sp.lo + 4 * (k - 3)) ?? UNINIT;
    else arg = UNINIT;
    const which = `printf's argument ${k + 2} (for %${conv})`;
    if (arg.kind === KIND.UNINIT) c.fail({ address, message: `${which} is missing or holds no value` });
    if (conv === "s") {
      const isEventText = arg.kind === KIND.EVENT && arg.lo === arg.hi && (arg.lo === 8 || arg.lo === 40);
      if (!isEventText && constantString(c.program, arg) === undefined)
        c.fail({
          address,
          message: `${which} must be a string the verifier can prove ends: a string literal, ${c.eventName}->name or ${c.eventName}->arg`,
        });
    } else if (conv !== "p" && arg.kind !== KIND.SCALAR) {
      c.fail({ address, message: `${which} must be a number, but it is ${describeValue(arg)}` });
    }
  }
}

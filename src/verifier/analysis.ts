/**
 * Step 4: abstract interpretation. A forward analysis over each function's control-flow graph computes,
 * for every instruction, a state that covers every path reaching it; loop heads join with widening so
 * that loops reach a fixpoint without unrolling. Calls to the driver's own functions are analysed at
 * each call site with the caller's arguments (inlined), so recursion is refused. Each instruction's
 * assertions are checked (checker.ts) in the state before it; the first one that fails stops the
 * analysis: that is the report's one root cause.
 *
 * After the fixpoint each loop's ghost counter is bounded from the relations the loop test narrowed
 * (domain.ts), and the bounds give the most cycles one call can take.
 *
 * The passes after the fixpoint (narrowing, then checking) reach most blocks with the very states of
 * their last run; such a block's join and run are reused rather than redone, and only what is
 * processed counts as states (docs/verifier.md, "Speed").
 */
import { type BranchCondition, REG, REGISTER_NAMES } from "../machine/isa";
import { disassemble } from "../toolchain/disassemble";
import { type Assertion, assertionsFor, isCode } from "./assertions";
import { buildCfg, type Cfg, type Loop } from "./cfg";
import {
  type CheckContext,
  checkAccess,
  checkDivisor,
  describe,
  EVENT_SIZE,
  type Failure,
  forbidden,
} from "./checker";
import { type FunctionInfo, instructionAt, objectAt, type Program, sourceOf } from "./decode";
import {
  copyState,
  copyValue,
  type Decision,
  describeValue,
  equalStates,
  isPointer,
  joinChanges,
  joinStates,
  joinValues,
  KIND,
  makeValue,
  mutableEvent,
  mutableStack,
  replaceValue,
  type State,
  scalar,
  TOP,
  UNINIT,
  type Value,
} from "./domain";
import { helperCall } from "./helperCalls";
import { bumpCounter, counterBound, enterLoop, reduce } from "./loopCounters";
import { addRange, alu, loadedRange, refine } from "./transfer";

export interface AnalysisOptions {
  /** Bytes of stack the driver may use below its entry stack pointer. */
  stackBytes: number;
  /** The most cycles one call may take (below the kernel's watchdog). */
  maxCycles: number;
  /** The most instructions the analysis may process before it gives up (Linux: one million). */
  maxProcessed: number;
  log: boolean;
}

/** Raised inside the analysis to stop at the first failure; never leaves verify(). */
export class Rejection {
  constructor(readonly failure: Failure) {}
}

/** What check() gives for a return: the block ends there. */
const RETURNED = -1;

/** After this many visits a loop head widens. */
const WIDEN_AFTER = 2;
/** Thresholds of a join that does not widen (it never looks at them). */
const NO_THRESHOLDS: readonly number[] = [];
/** Descending rounds after the widened fixpoint. */
const NARROWING_ROUNDS = 1;

/** What one run of a block gives: the states for its successors, the state at a return, its cycles. */
interface BlockResult {
  out: [number, State][];
  exit?: State;
  cycles: number;
}

/** Whether a block's incoming states are, one for one and in order, the very states of `from`. */
function sameStates(from: State[], incoming: Map<number, State>): boolean {
  if (from.length !== incoming.size) return false;
  let i = 0;
  for (const s of incoming.values()) if (s !== from[i++]) return false;
  return true;
}

export interface FunctionResult {
  exit: State | undefined;
  cycles: number;
}

export class Analysis {
  processed = 0;
  loopsBounded = 0;
  /** Instructions analysed, by index in the text (1: reached). */
  readonly reached: Uint8Array;
  readonly log: string[] = [];
  private readonly cfgs = new Map<number, Cfg>();
  private readonly eventName: string;

  constructor(
    readonly program: Program,
    readonly options: AnalysisOptions,
    private readonly inOnLoad: boolean,
  ) {
    const onEvent = [...program.functions.values()].find((f) => f.name === "on_event");
    this.eventName = onEvent?.debug?.locals[0]?.name ?? "ev";
    this.checksByIndex = new Array(program.instructions.length);
    this.reached = new Uint8Array(program.instructions.length);
  }

  private cfgOf(fn: FunctionInfo): Cfg {
    let cfg = this.cfgs.get(fn.start);
    if (!cfg) {
      cfg = buildCfg(this.program, fn.start, fn.end);
      this.cfgs.set(fn.start, cfg);
    }
    return cfg;
  }

  /**
   * While the fixpoint is computed (states still growing or widened), nothing is judged: an assertion
   * that fails there may hold once the states are narrowed. Only the last pass checks (`checking`);
   * `fail` returns in the other passes and the analysis goes on as if the assertion held.
   */
  private checking = true;

  private fail(failure: Failure): void {
    if (this.checking) throw new Rejection({ ...failure, callSites: [...this.callSites] });
    this.reusable = false;
  }

  /**
   * Whether the block run in progress may be reused for the same entry state: not if an assertion
   * failed in it (the checking pass must get to see that) or if it calls a function of the driver
   * (whose analysis depends on the pass).
   */
  private reusable = true;

  /** A failure that does not depend on the states (recursion, the processing limit): always final. */
  private stop(failure: Failure): never {
    throw new Rejection({ ...failure, callSites: [...this.callSites] });
  }

  /** The call instructions the analysis is inside, outermost first. */
  private readonly callSites: number[] = [];
  private readonly thresholdsByLoop = new Map<string, number[]>();

  /**
   * Widening thresholds at a loop's head: the constants in the loop's own blocks (and one either
   * side), 0, +-1, +-2^30. A loop's values are bounded by what the loop compares them with; the
   * constants of the rest of the function only made the loop go round once per constant (a handler
   * with 800 rule numbers went round each 16-trip loop 16 times).
   */
  private thresholds(fn: FunctionInfo, cfg: Cfg, loop: Loop): number[] {
    const key = `${fn.start}:${loop.id}`;
    let t = this.thresholdsByLoop.get(key);
    if (!t) {
      const set = new Set<number>([0, 1, -1, 0x4000_0000, -0x4000_0000]);
      for (const b of loop.body)
        for (const a of cfg.blocks[b].addresses) {
          const d = instructionAt(this.program, a)?.decoded;
          if (!d) continue;
          const f = d.info.format;
          if (f === "I" || f === "IU") for (const k of [d.imm - 1, d.imm, d.imm + 1]) set.add(k);
        }
      t = [...set].sort((x, y) => x - y);
      this.thresholdsByLoop.set(key, t);
    }
    return t;
  }

  /**
   * Analyses `fn` from `entry`; returns the joined state at its returns and its cycle bound. Three
   * phases: a worklist fixpoint that widens at loop heads; narrowing rounds that win back what
   * widening lost (a do-while's index is bounded by the test at its end); one last round that checks
   * every assertion in the final states (only when the caller is itself checking).
   */
  analyseFunction(fn: FunctionInfo, entry: State, depth: number, callers: number[]): FunctionResult {
    const cfg = this.cfgOf(fn);
    if (cfg.problem)
      this.stop({ address: cfg.problem.address, message: `this function ${cfg.problem.message}` });
    const n = cfg.blocks.length;
    const incoming: Map<number, State>[] = cfg.blocks.map(() => new Map());
    const inState: (State | undefined)[] = new Array(n);
    const visits = new Uint32Array(n);
    incoming[cfg.entry].set(-1, entry);
    // A block whose incoming states are the very ones of its last join gets that join's state again,
    // and a block run again on the very state of its last run gives that run's result (runBlock): the
    // passes after the fixpoint redo only what changed.
    const lastJoin: { from: State[]; joined: State | undefined }[] = new Array(n);
    const entered: WeakMap<State, State>[] = [];
    const joinIncoming = (b: number): State | undefined => {
      const last = lastJoin[b];
      if (last !== undefined && sameStates(last.from, incoming[b])) return last.joined;
      const loop = cfg.loopAtHead.get(b);
      let joined: State | undefined;
      for (const [from, s] of incoming[b]) {
        let t = s;
        if (loop) {
          if (loop.latches.includes(from)) t = bumpCounter(s, loop);
          else {
            // The way in rarely changes while the loop goes round: relate its state to the counter once.
            entered[b] ??= new WeakMap();
            const before = entered[b].get(s);
            t = before ?? enterLoop(s, loop);
            if (!before) entered[b].set(s, t);
          }
        }
        joined = joined ? joinStates(joined, t, false) : t;
      }
      lastJoin[b] = { from: [...incoming[b].values()], joined };
      return joined;
    };
    const lastRun: ({ entry: State; result: BlockResult } | undefined)[] = new Array(n);
    const run = (b: number, joined: State): BlockResult => {
      const last = lastRun[b];
      if (last !== undefined && last.entry === joined) return last.result;
      this.reusable = true;
      const result = this.runBlock(fn, cfg, b, joined, depth, callers);
      lastRun[b] = this.reusable ? { entry: joined, result } : undefined;
      return result;
    };
    const send = (b: number, out: [number, State][], work?: Set<number>) => {
      for (const [succ, s] of out) {
        const prev = incoming[succ].get(b);
        // An equal state keeps the one already there, so that the joins and runs after it are reused.
        if (prev && (prev === s || equalStates(prev, s))) continue;
        incoming[succ].set(b, s);
        work?.add(succ);
      }
    };
    const checking = this.checking;
    // Without loops nothing widens: one checked pass in block order sees every block in its final
    // state last (a failure in an earlier, smaller state is a failure in the final one too).
    if (cfg.loops.length === 0) return this.loopFree(cfg, incoming, joinIncoming, run, send);
    this.checking = false;
    try {
      const work = new Set<number>([cfg.entry]);
      while (work.size > 0) {
        let b = Number.POSITIVE_INFINITY;
        for (const x of work) if (x < b) b = x;
        work.delete(b);
        let joined = joinIncoming(b);
        if (!joined) continue;
        const old = inState[b];
        if (old) {
          const loop = cfg.loopAtHead.get(b);
          const widen = loop !== undefined && visits[b] >= WIDEN_AFTER;
          const thresholds = widen ? this.thresholds(fn, cfg, loop) : NO_THRESHOLDS;
          if (!joinChanges(old, joined, widen, thresholds)) continue;
          joined = joinStates(old, joined, widen, thresholds);
        }
        inState[b] = joined;
        visits[b]++;
        send(b, run(b, joined).out, work);
      }
      for (let round = 0; round < NARROWING_ROUNDS; round++) {
        for (let b = 0; b < n; b++) {
          const joined = joinIncoming(b);
          if (joined) send(b, run(b, joined).out);
        }
      }
    } finally {
      this.checking = checking;
    }
    // The last round, in the final states: checked (or, inside an unchecked caller, just computed).
    let exit: State | undefined;
    const blockCycles = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      const joined = joinIncoming(b);
      if (!joined) continue;
      const result = run(b, joined);
      blockCycles[b] = result.cycles;
      send(b, result.out);
      if (result.exit) exit = exit ? joinStates(exit, result.exit, false) : result.exit;
    }
    return { exit, cycles: this.cycleBound(cfg, incoming, blockCycles) };
  }

  private loopFree(
    cfg: Cfg,
    incoming: Map<number, State>[],
    joinIncoming: (b: number) => State | undefined,
    run: (b: number, joined: State) => BlockResult,
    send: (b: number, out: [number, State][], work?: Set<number>) => void,
  ): FunctionResult {
    const n = cfg.blocks.length;
    const blockCycles = new Float64Array(n);
    const exits: (State | undefined)[] = new Array(n);
    const work = new Set<number>([cfg.entry]);
    while (work.size > 0) {
      let b = Number.POSITIVE_INFINITY;
      for (const x of work) if (x < b) b = x;
      work.delete(b);
      const joined = joinIncoming(b);
      if (!joined) continue;
      const result = run(b, joined);
      blockCycles[b] = result.cycles;
      exits[b] = result.exit;
      send(b, result.out, work);
    }
    let exit: State | undefined;
    for (const e of exits) if (e) exit = exit ? joinStates(exit, e, false) : e;
    return { exit, cycles: this.cycleBound(cfg, incoming, blockCycles) };
  }

  /** The most cycles a call can take: each block's cost times the bounds of the loops around it. */
  private cycleBound(cfg: Cfg, incoming: Map<number, State>[], blockCycles: Float64Array): number {
    const trips = new Map<number, number>();
    for (const loop of cfg.loops) {
      let most = 0;
      for (const latch of loop.latches) {
        const s = incoming[loop.head].get(latch);
        if (!s) continue; // this way around is never taken
        const bound = counterBound(s, loop);
        if (bound === undefined) {
          const address = cfg.blocks[loop.head].start;
          if (!this.checking) return Number.POSITIVE_INFINITY;
          this.fail({
            address,
            message:
              "this loop has no bound the verifier can prove: it might run forever, and in the kernel that hangs the machine",
            suggestion:
              "count the loop with a variable that moves by a constant each time and is checked against a constant limit, e.g. `for (i = 0; i < 64; i++)`",
          });
        }
        most = Math.max(most, bound ?? 0);
      }
      trips.set(loop.id, most + 2);
      this.loopsBounded++;
    }
    // How often each block may run: the product of the trips of the loops around it (loop by loop,
    // not block by block, so that a long handler with many loops is not blocks times loops).
    const times = new Float64Array(cfg.blocks.length).fill(1);
    for (const loop of cfg.loops) {
      const t = trips.get(loop.id) ?? 1;
      for (const b of loop.body) times[b] *= t;
    }
    let total = 0;
    for (const block of cfg.blocks) total += blockCycles[block.id] * times[block.id];
    return total;
  }

  /** The C variables the current function keeps in registers and in its frame (from debug info). */
  private registerNames = new Map<number, string>();
  private frameNames = new Map<number, string>();

  private readonly namesByFunction = new Map<number, [Map<number, string>, Map<number, string>]>();

  private useNamesOf(fn: FunctionInfo): void {
    let names = this.namesByFunction.get(fn.start);
    if (!names) {
      names = [new Map(), new Map()];
      for (const local of fn.debug?.locals ?? []) {
        if (local.location.kind === "register") names[0].set(local.location.register, local.name);
        else if (local.location.kind === "frame") names[1].set(local.location.offset, local.name);
      }
      this.namesByFunction.set(fn.start, names);
    }
    this.registerNames = names[0];
    this.frameNames = names[1];
  }

  private runBlock(
    fn: FunctionInfo,
    cfg: Cfg,
    b: number,
    entry: State,
    depth: number,
    callers: number[],
  ): BlockResult {
    const block = cfg.blocks[b];
    this.useNamesOf(fn);
    const s = copyState(entry);
    let cycles = 0;
    const out: [number, State][] = [];
    for (let i = 0; i < block.addresses.length; i++) {
      const address = block.addresses[i];
      const ins = instructionAt(this.program, address);
      if (!ins) this.stop({ address, message: "runs past the end of the code" });
      this.reached[(address - this.program.textStart) >> 2] = 1;
      if (++this.processed > this.options.maxProcessed)
        this.stop({
          address,
          message: `the program is too complex to verify: more than ${this.options.maxProcessed.toLocaleString("en-US")} instructions processed`,
          suggestion: "make loops shorter or split the work",
        });
      if (this.options.log) this.log.push(this.logLine(address, ins.word, s));
      cycles += ins.decoded?.info.cycles ?? 0;
      const checks = this.checksAt(fn, ins);
      if (checks !== undefined) {
        for (const a of checks.assertions) {
          const extra = this.check(checks.context, a, s, address, depth, callers);
          if (extra === RETURNED) return { out, exit: s, cycles };
          cycles += extra;
        }
      }
      const last = i === block.addresses.length - 1;
      if (last && ins.decoded?.info.semantics.kind === "branch") {
        const d = ins.decoded;
        const sem = d.info.semantics as { condition: BranchCondition };
        const target = (address + 4 + d.imm * 4) >>> 0;
        const targetBlock = cfg.byStart.get(target);
        const nextBlock = cfg.byStart.get(address + 4);
        if (targetBlock !== undefined) {
          const t = branchState(this.program, s, d.a, d.b, sem.condition, true, address);
          if (t) out.push([targetBlock, t]);
        }
        if (nextBlock !== undefined) {
          const t = branchState(this.program, s, d.a, d.b, sem.condition, false, address);
          if (t) out.push([nextBlock, t]);
        }
        return { out, cycles };
      }
      this.transfer(ins, s);
      if (last) {
        for (const succ of block.successors) out.push([succ, s]);
      }
    }
    return { out, cycles };
  }

  /** Each instruction's assertions and the context to check them in, made once per instruction. */
  /** By instruction index; null: no assertions; undefined: not made yet. */
  private readonly checksByIndex: ({ assertions: Assertion[]; context: CheckContext } | null | undefined)[];

  private checksAt(
    fn: FunctionInfo,
    ins: NonNullable<ReturnType<typeof instructionAt>>,
  ): { assertions: Assertion[]; context: CheckContext } | undefined {
    const index = (ins.address - this.program.textStart) >> 2;
    let checks = this.checksByIndex[index];
    if (checks === undefined) {
      const assertions = assertionsFor(this.program, ins);
      checks = assertions.length === 0 ? null : { assertions, context: this.context(fn, ins.address) };
      this.checksByIndex[index] = checks;
    }
    return checks ?? undefined;
  }

  private context(fn: FunctionInfo, address: number): CheckContext {
    return {
      program: this.program,
      fn,
      line: sourceOf(this.program, address)?.line ?? 0,
      stackBytes: this.options.stackBytes,
      eventName: this.eventName,
    };
  }

  private mnemonicAt(address: number): string {
    return instructionAt(this.program, address)?.decoded?.info.mnemonic ?? "?";
  }

  /** Checks one assertion; calls are analysed here. Returns the cycles it adds, or RETURNED. */
  private check(
    c: CheckContext,
    a: Assertion,
    s: State,
    address: number,
    depth: number,
    callers: number[],
  ): number {
    switch (a.kind) {
      case "access": {
        const f = checkAccess(c, a, s, address);
        if (f) this.fail({ ...f, state: s });
        const base = s.regs[a.base];
        if (a.write && base.kind === KIND.GLOBAL && isCode(this.program, (base.object?.start ?? 0) + base.lo))
          this.fail(forbidden("code-write", this.mnemonicAt(address), address));
        return 0;
      }
      case "nonzero": {
        const f = checkDivisor(c, a.register, s, address);
        if (f) this.fail({ ...f, state: s });
        return 0;
      }
      case "forbidden":
        this.fail(forbidden(a.why, this.mnemonicAt(address), address));
        return 0;
      case "helper":
        return this.helper(a.name, s, address);
      case "call": {
        const callee = this.program.functions.get(a.target);
        if (!callee)
          return this.stop({ address, message: "calls an address that is not the start of a function" });
        const chain = [...callers, a.target];
        if (callers.includes(a.target)) {
          const names = chain.map((x) => this.program.functions.get(x)?.name ?? "?");
          return this.stop({
            address,
            message: `calls ${callee.name} recursively (${names.join(" -> ")}): recursion is refused, because the stack it needs cannot be bounded`,
            suggestion: "rewrite the recursion as a loop with a constant bound",
          });
        }
        const entry = copyState(s);
        entry.regs[REG.LR] = makeValue(KIND.RETURN, 0, 0, undefined, depth + 1);
        this.callSites.push(address);
        let result: FunctionResult;
        try {
          result = this.analyseFunction(callee, entry, depth + 1, chain);
        } finally {
          this.callSites.pop();
        }
        this.useNamesOf(c.fn);
        this.reusable = false;
        if (!result.exit) {
          // The callee never returns on any path: nothing follows the call.
          s.regs = s.regs.map(() => UNINIT);
          return result.cycles;
        }
        const back = result.exit;
        s.regs = back.regs.slice();
        s.regs[REG.LR] = UNINIT;
        s.stack = back.stack;
        s.event = back.event;
        s.sharedStack = true;
        s.sharedEvent = true;
        s.stackLow = back.stackLow;
        s.trail = back.trail;
        return result.cycles;
      }
      case "return": {
        const lr = s.regs[REG.LR];
        if (lr.kind !== KIND.RETURN || lr.tag !== depth)
          this.fail({
            address,
            message: "returns to an address that is not the caller's (lr was changed)",
            suggestion: "do not write to lr",
          });
        if (depth === 0) this.checkHandlerReturn(c, s, address);
        return RETURNED;
      }
    }
  }

  /** At the handler's own return: the stack and the callee-saved registers are as the kernel left them. */
  private checkHandlerReturn(_c: CheckContext, s: State, address: number): void {
    const sp = s.regs[REG.SP];
    if (sp.kind !== KIND.STACK || sp.lo !== 0 || sp.hi !== 0)
      this.fail({
        address,
        message: "returns with the stack pointer moved: the kernel's stack would be corrupt",
      });
    for (const r of [REG.S0, REG.S1, REG.S2, REG.FP]) {
      const v = s.regs[r];
      if (v.kind !== KIND.ENTRY || v.tag !== r)
        this.fail({
          address,
          message: `returns without restoring ${REGISTER_NAMES[r]}, which the kernel expects kept across the call`,
        });
    }
    const a0 = s.regs[REG.A0];
    if (a0.kind !== KIND.SCALAR)
      this.fail({
        address,
        message:
          a0.kind === KIND.UNINIT
            ? "may return without a value: every path of the handler must return its verdict"
            : "returns a pointer: the handler's result is its verdict, a number",
        suggestion: "end every path with `return 0;` (allow) or `return 1;` (block)",
      });
  }

  /** A kernel API call: allowed here? arguments meet the contract? Returns the cycles it may cost. */
  private helper(name: string, s: State, address: number): number {
    return helperCall(
      {
        program: this.program,
        inOnLoad: this.inOnLoad,
        eventName: this.eventName,
        fail: (f) => this.fail(f),
      },
      name,
      s,
      address,
    );
  }

  /** What an instruction does to the state (its assertions hold). */
  private transfer(ins: NonNullable<ReturnType<typeof instructionAt>>, s: State): void {
    const d = ins.decoded;
    if (!d) return;
    const regs = s.regs;
    if (ins.addressOf !== undefined) {
      const object = objectAt(this.program, ins.addressOf);
      if (object)
        this.setRegister(
          regs,
          d.a,
          makeValue(KIND.GLOBAL, ins.addressOf - object.start, ins.addressOf - object.start, object),
        );
      else this.setRegister(regs, d.a, TOP);
      return;
    }
    if (ins.addressPart) return;
    const sem = d.info.semantics;
    switch (sem.kind) {
      case "alu": {
        const x = regs[d.b];
        if (sem.op === "add" && sem.second === "imm" && d.imm === 0) {
          this.setRegister(regs, d.a, x); // mov: the very same value, so narrowing one narrows both
          return;
        }
        const y = sem.second === "imm" ? scalar(d.imm, d.imm) : regs[d.c];
        const v = sem.second === "imm" && sem.op === "add" ? addRange(x, d.imm, d.imm) : alu(sem.op, x, y);
        this.setRegister(regs, d.a, v === TOP ? scalar(TOP.lo, TOP.hi) : v);
        return;
      }
      case "lui":
        this.setRegister(regs, d.a, scalar(d.imm << 16, d.imm << 16));
        return;
      case "load":
        this.setRegister(regs, d.a, this.load(s, regs[d.b], d.imm, sem.width, sem.signed));
        return;
      case "store":
        this.store(s, regs[d.b], d.imm, sem.width, regs[d.a]);
        return;
      case "jal":
        // Calls were analysed by the check; a plain jump changes nothing here.
        return;
      default:
        return;
    }
  }

  /** Writes a register; a scalar in a C variable's register takes the variable's name (for messages). */
  private setRegister(regs: Value[], r: number, v: Value): void {
    if (r === 0) return;
    const name = this.registerNames.get(r);
    regs[r] = name !== undefined && v.name !== name && !isPointer(v) ? named(v, name) : v;
  }

  private load(s: State, base: Value, offset: number, width: 1 | 2 | 4, signed: boolean): Value {
    const lo = base.lo + offset;
    const hi = base.hi + offset;
    if (base.kind === KIND.STACK) {
      s.stackLow = Math.min(s.stackLow, lo);
      if (lo === hi && width === 4 && (lo & 3) === 0) {
        const cell = s.stack.get(lo);
        if (cell && cell.kind !== KIND.UNINIT) return cell;
        return UNINIT;
      }
      return fresh(loadedRange(width, signed));
    }
    if (base.kind === KIND.EVENT && lo === hi) {
      const key = eventCellKey(lo, width, signed);
      let cell = s.event.get(key);
      if (!cell) {
        cell = fresh(loadedRange(width, signed));
        cell.name = eventFieldName(this.eventName, lo);
        mutableEvent(s).set(key, cell);
      }
      return cell;
    }
    return fresh(loadedRange(width, signed));
  }

  private store(s: State, base: Value, offset: number, width: 1 | 2 | 4, value: Value): void {
    if (base.kind !== KIND.STACK) return;
    const lo = base.lo + offset;
    const hi = base.hi + offset;
    s.stackLow = Math.min(s.stackLow, lo);
    if (lo === hi && width === 4 && (lo & 3) === 0) {
      const fp = s.regs[REG.FP];
      const name = fp.kind === KIND.STACK && fp.lo === fp.hi ? this.frameNames.get(lo - fp.lo) : undefined;
      mutableStack(s).set(
        lo,
        name !== undefined && value.kind === KIND.SCALAR && value.name !== name ? named(value, name) : value,
      );
      return;
    }
    // A narrow or imprecise store: every word it may touch is now some number (or, for a word store
    // whose place is unknown, the old value or the new one).
    for (const [key, old] of s.stack) {
      if (key + 3 < lo || key > hi + width - 1) continue;
      mutableStack(s).set(
        key,
        width === 4 && (lo & 3) === 0 && (hi & 3) === 0 ? joinValues(old, value) : fresh(TOP),
      );
    }
    if (width === 4 && lo !== hi) return;
    // A narrow store to a word never stored before: that word now holds some number.
    for (let key = lo & ~3; key <= hi + width - 1; key += 4)
      if (!s.stack.has(key)) mutableStack(s).set(key, fresh(TOP));
  }

  private logLine(address: number, word: number, s: State): string {
    const where = sourceOf(this.program, address);
    const known: string[] = [];
    for (let r = 1; r < 16; r++) {
      const v = s.regs[r];
      if (v.kind === KIND.UNINIT) continue;
      known.push(`${REGISTER_NAMES[r]}=${describeValue(v)}`);
    }
    const text = disassemble(word, address);
    const at = where ? `${where.file}:${where.line}` : "";
    return `${address.toString(16).padStart(8, "0")} ${at.padEnd(14)} ${text.padEnd(28)} ; ${known.join(" ")}`;
  }
}

/** An event cell's key: its offset, width and signedness in one number (no string on the hot path). */
function eventCellKey(offset: number, width: 1 | 2 | 4, signed: boolean): number {
  return offset * 16 + width * 2 + (signed ? 1 : 0);
}

/** A new value (its own identity) equal to `v`. */
function fresh(v: Value): Value {
  return copyValue(v);
}

/** `v` under the C variable's name. */
function named(v: Value, name: string): Value {
  const out = copyValue(v);
  out.name = name;
  return out;
}

function eventFieldName(ev: string, offset: number): string {
  if (offset === 0) return `${ev}->kind`;
  if (offset === 4) return `${ev}->pid`;
  if (offset >= 8 && offset < 40) return `${ev}->name[${offset - 8}]`;
  if (offset >= 40 && offset < EVENT_SIZE) return `${ev}->arg[${offset - 40}]`;
  return `${ev}[+${offset}]`;
}

/** The state along one way out of a conditional branch, or undefined if no path goes that way. */
function branchState(
  program: Program,
  s: State,
  ra: number,
  rb: number,
  condition: BranchCondition,
  taken: boolean,
  address: number,
): State | undefined {
  const x = s.regs[ra];
  const y = s.regs[rb];
  const r = refine(condition, taken, x, y);
  if (!r) return undefined;
  const t = copyState(s);
  const [nx, ny] = r;
  if (nx !== x) {
    replaceValue(t, x, nx);
    if (ra !== 0) t.regs[ra] = nx;
  }
  if (ny !== y) {
    replaceValue(t, y, ny);
    if (rb !== 0) t.regs[rb] = ny;
  }
  reduce(t);
  if (!(x.lo === x.hi && y.lo === y.hi && x.kind === KIND.SCALAR && y.kind === KIND.SCALAR))
    t.trail = new BranchDecision(program, address, x, ra, y, rb, condition, taken, s.trail);
  return t;
}

/** A branch decision, worded only when a report shows it (most never are). */
class BranchDecision implements Decision {
  constructor(
    private readonly program: Program,
    readonly address: number,
    private readonly x: Value,
    private readonly ra: number,
    private readonly y: Value,
    private readonly rb: number,
    private readonly condition: BranchCondition,
    private readonly taken: boolean,
    readonly previous: Decision | undefined,
  ) {}

  text(): string {
    const line = sourceOf(this.program, this.address)?.line ?? 0;
    return `line ${line}: \`${operand(this.x, this.ra)} ${OPERATOR[this.condition]} ${operand(this.y, this.rb)}\` was ${this.taken ? "true" : "false"}`;
  }
}

const OPERATOR: Record<string, string> = { eq: "==", ne: "!=", lt: "<", ge: ">=", ltu: "<", geu: ">=" };

function operand(v: Value, r: number): string {
  if (v.kind === KIND.SCALAR && v.lo === v.hi && !v.name) return String(v.lo);
  if (r === 0) return "0";
  return describe(v, r);
}

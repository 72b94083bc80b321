/**
 * Step 2: one function's control-flow graph. Blocks end at branches, jumps, returns and before branch
 * targets; calls (`jal lr, f`) stay inside a block (the analysis steps into them). Back edges (found by
 * a depth-first walk from the entry) mark loop heads, where the analysis widens, and each back edge's
 * natural loop is the set of blocks the loop counter counts over.
 */
import { REG } from "../machine/isa";
import { type Instruction, instructionAt, type Program } from "./decode";

export interface Block {
  id: number;
  start: number;
  /** Addresses of its instructions, in order. */
  addresses: number[];
  successors: number[];
  /** Ends with `jalr zero, lr, 0`. */
  returns: boolean;
}

export interface Loop {
  id: number;
  head: number;
  /** Blocks that jump back to the head. */
  latches: number[];
  /** Blocks in the loop (the head included). */
  body: Set<number>;
  /**
   * Loops of the same function whose relations a value keeps on entering this one: those around it.
   * The others (loops already left) are dropped, so values do not pile up relations loop after loop.
   */
  drop: Set<number>;
}

export interface Cfg {
  blocks: Block[];
  byStart: Map<number, number>;
  entry: number;
  loops: Loop[];
  /** Loop ids by head block. */
  loopAtHead: Map<number, Loop>;
  /** The first problem found building it (a jump out of the function, into the middle of nothing). */
  problem?: { address: number; message: string };
}

/** Where control may go after an instruction, inside its function. */
export function staticTargets(ins: Instruction): { next: boolean; target?: number; returns?: boolean } {
  const d = ins.decoded;
  if (!d) return { next: false };
  const sem = d.info.semantics;
  switch (sem.flow) {
    case "branch":
      return { next: true, target: (ins.address + 4 + d.imm * 4) >>> 0 };
    case "jump":
      // jal zero, L is a jump; jal lr, f is a call that comes back.
      return d.a === REG.ZERO ? { next: false, target: (ins.address + 4 + d.imm * 4) >>> 0 } : { next: true };
    case "indirect":
      return { next: false, returns: true };
    case "trap":
    case "trap-return":
    case "halt":
      return { next: false };
    default:
      return { next: true };
  }
}

let loopIds = 0;

export function buildCfg(p: Program, start: number, end: number): Cfg {
  const leaders = new Set<number>([start]);
  let problem: Cfg["problem"];
  for (let a = start; a < end; a += 4) {
    const ins = instructionAt(p, a);
    if (!ins) break;
    const t = staticTargets(ins);
    const flow = ins.decoded?.info.semantics.flow;
    if (t.target !== undefined) {
      if (t.target < start || t.target >= end || (t.target & 3) !== 0) {
        problem ??= { address: a, message: "jumps outside its own function" };
      } else leaders.add(t.target);
    }
    if (flow === "branch" || flow === "jump" || flow === "indirect" || !t.next) leaders.add(a + 4);
  }
  const sorted = [...leaders].filter((a) => a >= start && a < end).sort((x, y) => x - y);
  const blocks: Block[] = [];
  const byStart = new Map<number, number>();
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i];
    const to = i + 1 < sorted.length ? sorted[i + 1] : end;
    const addresses: number[] = [];
    for (let a = from; a < to; a += 4) addresses.push(a);
    byStart.set(from, blocks.length);
    blocks.push({ id: blocks.length, start: from, addresses, successors: [], returns: false });
  }
  for (const b of blocks) {
    const last = instructionAt(p, b.addresses[b.addresses.length - 1]);
    if (!last) continue;
    const t = staticTargets(last);
    if (t.target !== undefined) {
      const s = byStart.get(t.target);
      if (s !== undefined) b.successors.push(s);
    }
    if (t.next) {
      const s = byStart.get(last.address + 4);
      if (s !== undefined) b.successors.push(s);
      else problem ??= { address: last.address, message: "runs off the end of its function" };
    }
    b.returns = t.returns === true;
  }
  // Back edges: edges to a block on the current depth-first path.
  const state = new Uint8Array(blocks.length); // 0 new, 1 on path, 2 done
  const back: [number, number][] = [];
  const stack: [number, number][] = [[0, 0]];
  state[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const b = blocks[top[0]];
    if (top[1] < b.successors.length) {
      const s = b.successors[top[1]++];
      if (state[s] === 1) back.push([b.id, s]);
      else if (state[s] === 0) {
        state[s] = 1;
        stack.push([s, 0]);
      }
    } else {
      state[b.id] = 2;
      stack.pop();
    }
  }
  const preds: number[][] = blocks.map(() => []);
  for (const b of blocks) for (const s of b.successors) preds[s].push(b.id);
  const loopAtHead = new Map<number, Loop>();
  for (const [latch, head] of back) {
    let loop = loopAtHead.get(head);
    if (!loop) {
      loop = { id: loopIds++, head, latches: [], body: new Set([head]), drop: new Set() };
      loopAtHead.set(head, loop);
    }
    loop.latches.push(latch);
    const work = [latch];
    while (work.length > 0) {
      const n = work.pop() as number;
      if (loop.body.has(n)) continue;
      loop.body.add(n);
      for (const q of preds[n]) work.push(q);
    }
  }
  const loops = [...loopAtHead.values()];
  for (const inner of loops)
    for (const other of loops) if (other !== inner && !other.body.has(inner.head)) inner.drop.add(other.id);
  return { blocks, byStart, entry: 0, loops, loopAtHead, problem };
}

/**
 * Expression temporaries: each value being computed lives in a Temp, held in one of t0..t4. When all
 * five are busy, the oldest temp is spilled to a frame slot and brought back when it is next used.
 * Calls spill every live temp (all five are caller-saved), and so does any branch inside an expression
 * (&&, ||, ?:), so that both paths agree on where everything is when they meet again.
 */
import { type Emitter, mem } from "./emit";

export const TEMP_REGISTERS = ["t0", "t1", "t2", "t3", "t4"] as const;

export class Temp {
  /** Index into TEMP_REGISTERS, or -1 while spilled. */
  reg = -1;
  /** fp offset of the spill slot while spilled. */
  slot = 0;
  constructor(readonly id: number) {}
}

export interface SpillSlots {
  take(): number;
  give(offset: number): void;
}

export class Registers {
  private owner: (Temp | undefined)[] = TEMP_REGISTERS.map(() => undefined);
  private live: Temp[] = [];
  private nextId = 0;

  constructor(
    private readonly out: Emitter,
    private readonly slots: SpillSlots,
  ) {}

  get liveCount(): number {
    return this.live.length;
  }

  /** A new temp in a register (spilling the oldest other temp if all are busy). */
  alloc(...pinned: Temp[]): Temp {
    const t = new Temp(this.nextId++);
    this.live.push(t);
    this.assign(t, pinned);
    return t;
  }

  /** A new temp in a particular register, which must be free (after spillAll). */
  allocIn(regName: (typeof TEMP_REGISTERS)[number]): Temp {
    const index = TEMP_REGISTERS.indexOf(regName);
    const current = this.owner[index];
    if (current) this.spill(current);
    const t = new Temp(this.nextId++);
    this.live.push(t);
    t.reg = index;
    this.owner[index] = t;
    return t;
  }

  /** The register names of temps, reloading spilled ones; none of them is spilled to make room. */
  use(...temps: Temp[]): string[] {
    for (const t of temps) if (t.reg < 0) this.reload(t, temps);
    return temps.map((t) => TEMP_REGISTERS[t.reg]!);
  }

  name(t: Temp): string {
    return this.use(t)[0]!;
  }

  release(...temps: Temp[]): void {
    for (const t of temps) {
      const i = this.live.indexOf(t);
      if (i < 0) continue;
      this.live.splice(i, 1);
      if (t.reg >= 0) this.owner[t.reg] = undefined;
      else this.slots.give(t.slot);
      t.reg = -1;
    }
  }

  /** Saves every live temp held in a register (before a call or a branch). */
  spillAll(...except: Temp[]): void {
    for (const t of this.live) if (t.reg >= 0 && !except.includes(t)) this.spill(t);
  }

  /** Whether a temp is live (used by the generator's own sanity checks). */
  isLive(t: Temp): boolean {
    return this.live.includes(t);
  }

  private assign(t: Temp, pinned: Temp[]): void {
    let index = this.owner.indexOf(undefined);
    if (index < 0) {
      const victim = this.live.find((x) => x.reg >= 0 && x !== t && !pinned.includes(x));
      if (!victim) {
        // Cannot happen with five registers and at most three operands pinned; stay safe regardless.
        index = 0;
        const holder = this.owner[0];
        if (holder) this.spill(holder);
      } else {
        index = victim.reg;
        this.spill(victim);
      }
    }
    t.reg = index;
    this.owner[index] = t;
  }

  private spill(t: Temp): void {
    t.slot = this.slots.take();
    this.out.ins("stw", `${TEMP_REGISTERS[t.reg]}, ${mem("fp", t.slot)}`);
    this.owner[t.reg] = undefined;
    t.reg = -1;
  }

  private reload(t: Temp, pinned: Temp[]): void {
    this.assign(t, pinned);
    this.out.ins("ldw", `${TEMP_REGISTERS[t.reg]}, ${mem("fp", t.slot)}`);
    this.slots.give(t.slot);
  }
}

/**
 * History: time travel over the whole system. Every CHECKPOINT_CYCLES of machine time (so at most that
 * many instructions, as each costs at least a cycle) the history keeps a checkpoint (the machine's state but its memory, the kernel's record, how many inputs were in
 * the journal) and, of memory, only the frames written since the checkpoint before (memory.ts tracks
 * them; the MMU keeps the CPU's stores honest). With the journal of inputs, any moment inside the window
 * is reached by restoring the nearest checkpoint before it and running forward, replaying the inputs
 * that came in meanwhile: the machine is deterministic, so this gives exactly the run that happened.
 *
 *   oldest                                                                    newest = the head
 *   [keyframe: all of memory] [delta] [delta] ... [delta]   in a preallocated page store (a ring)
 *
 * The oldest checkpoint's memory is one full image (the keyframe); when the ring is full the oldest
 * is dropped by folding the next one's frames into that image. Restoring a checkpoint copies only the
 * frames that differ from memory as it is now: those written since the checkpoint the system was last
 * at, and those of the checkpoints in between. A boot zeroes memory, so its checkpoint (taken at once)
 * is a full keyframe too; each boot and each bugcheck is also kept as a whole-system snapshot (a
 * landmark), so the last few stay reachable after they leave the window.
 *
 * When: a checkpoint costs about 0.1-0.2 ms (the kernel record's copy, the machine's state, the frames)
 * and going back replays from the nearest one, so checkpoints are spaced by the host time it takes to
 * run between them: one once CHECKPOINT_HOST_MS of running has passed (and at least CHECKPOINT_CYCLES,
 * at most CHECKPOINT_MAX_CYCLES of machine time). That bounds both the slowdown (a few percent) and the
 * replay behind any step back (a few milliseconds), whether the machine is busy or idle (an idle one
 * spends its host time in the kernel's timer tick, not in instructions).
 *
 * Limits (host memory the guest can make grow): at most MAX_CHECKPOINTS checkpoints, so a window of
 * about 3 s of host running time: on a busy machine (one instruction a cycle, 300 million a second)
 * far more than 10 million instructions; on an idle one about 3 minutes of machine time, in which it
 * retires fewer. Frames live in a page store of `storeBytes` (12 MiB by default) allocated up front,
 * and there are MAX_LANDMARKS landmarks. A run that writes more distinct frames than the store holds
 * over those checkpoints gets a shorter window; `start` says where it begins. The inputs recorded are
 * the kernel's journal, whose own limit (JOURNAL_LIMIT) they share: when the journal drops its oldest
 * inputs, history starts over from that moment.
 *
 * Going back and running forward replays what was recorded ("the future"). A new input while in the past
 * (a file saved, a driver loaded in another mode, a key) branches off: the future is dropped and the new
 * run is recorded from there. Inputs may come through `kernel.input` directly (the terminal does): the
 * history notices them at its next call.
 */
import type { MachineState } from "../machine/snapshot";
import { machineState, restoreMachineState } from "../machine/snapshot";
import { JOURNAL_LIMIT, type JournalEntry } from "./inputs";
import type { Kernel, KernelStop } from "./kernel";
import type { KernelRecord } from "./kernelState";
import { copyRecord, restoreSystem, type SystemSnapshot, snapshotSystem } from "./systemSnapshot";

/** Machine time between checkpoints, in cycles (every instruction costs at least one): at least... */
export const CHECKPOINT_CYCLES = 65_536;
/** ...and, unless this much machine time has passed, at least this much host time spent running. */
export const CHECKPOINT_MAX_CYCLES = 4_194_304;
export const CHECKPOINT_HOST_MS = 3;
export const MAX_CHECKPOINTS = 1024;
export const DEFAULT_STORE_BYTES = 12 << 20;
export const MAX_LANDMARKS = 8;

/** The host's clock (browser and Node both have one); it only spaces checkpoints, never enters the run. */
const hostClock = (globalThis as unknown as { performance?: { now(): number } }).performance;
function hostNow(): number {
  return hostClock ? hostClock.now() : 0;
}
const PAGE = 4096;

interface Checkpoint {
  /** Machine time since power-on, in cycles. */
  time: number;
  /** Instructions retired since the history began (across boots). */
  instructions: number;
  /** How many journal entries had been applied. */
  inputs: number;
  machine: MachineState;
  record: KernelRecord;
  /** The frames written since the checkpoint before, and where in the page store their bytes are. */
  frames: Map<number, number>;
  /** The first of this checkpoint's contiguous slots in the page store, and how many. */
  slotStart: number;
  slotCount: number;
}

export interface Landmark {
  kind: "boot" | "bugcheck";
  time: number;
  inputs: number;
  instructions: number;
  snapshot: SystemSnapshot;
}

export interface HistoryOptions {
  /** Bytes of the page store for the frames of checkpoints (a multiple of 4 KiB). */
  storeBytes?: number;
  /**
   * A fixed machine time between checkpoints, in cycles (tests). By default a checkpoint is taken after
   * CHECKPOINT_CYCLES once running since the last one took CHECKPOINT_HOST_MS of host time, or after
   * CHECKPOINT_MAX_CYCLES: where checkpoints fall changes nothing in the run, only what going back costs.
   */
  interval?: number;
}

export class History {
  readonly kernel: Kernel;
  readonly interval: number;
  private readonly fixed: boolean;
  /** Host time when the newest checkpoint was taken (performance.now). */
  private lastCheckpointAt = 0;
  /** Every input of this branch of the run, in order: the kernel's journal is a prefix of it. */
  private timeline: JournalEntry[];
  private readonly checkpoints: Checkpoint[] = [];
  readonly landmarks: Landmark[] = [];
  /** Memory as it was at the oldest checkpoint. */
  private readonly keyframe: Uint8Array;
  private readonly store: Uint8Array;
  private readonly slots: number;
  private slotHead = 0;
  private slotsUsed = 0;
  /** The checkpoint memory was last equal to; the dirty frames are the writes since (-1: a landmark). */
  private base = 0;
  /** The latest checkpoint the system has been at or run past (where the next one is looked for). */
  private passed = 0;
  /** Instructions retired since the history began, counting every boot. */
  private instructions = 0;
  /** The furthest time this branch has been run to. */
  private headTime: number;
  private lastBoot: number;
  private lastStatus: string;

  constructor(kernel: Kernel, options: HistoryOptions = {}) {
    this.kernel = kernel;
    this.interval = Math.max(1024, options.interval ?? CHECKPOINT_CYCLES);
    this.fixed = options.interval !== undefined;
    this.slots = Math.max(1, Math.floor((options.storeBytes ?? DEFAULT_STORE_BYTES) / PAGE));
    this.store = new Uint8Array(this.slots * PAGE);
    this.keyframe = new Uint8Array(kernel.machine.memory.size);
    this.timeline = kernel.journal.slice();
    this.headTime = kernel.cyclesSincePowerOn;
    this.lastBoot = kernel.bootNumber;
    this.lastStatus = kernel.state;
    this.startOver();
  }

  /** Machine time since power-on now. */
  get now(): number {
    return this.kernel.cyclesSincePowerOn;
  }

  /** The earliest moment inside the window. */
  get start(): number {
    return this.checkpoints[0].time;
  }

  /** The latest moment recorded in this branch. */
  get end(): number {
    return Math.max(this.headTime, this.now);
  }

  /** Whether the system is at the end of what was recorded (running on records new history). */
  get atHead(): boolean {
    return this.kernel.journal.length >= this.timeline.length && this.now >= this.headTime;
  }

  /** Inputs recorded in this branch (the kernel's journal is a prefix of it while in the past). */
  get inputs(): readonly JournalEntry[] {
    return this.timeline;
  }

  /** Host bytes held: the page store in use, the keyframe and the checkpoints' records (estimated). */
  get bytesHeld(): number {
    return this.slotsUsed * PAGE + this.keyframe.length;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Checkpoint times, oldest first (for a scrubber's marks and for tests). */
  get checkpointTimes(): number[] {
    return this.checkpoints.map((c) => c.time);
  }

  /**
   * Runs forward for up to `cycles` of machine time: replays recorded inputs while in the past, records
   * checkpoints at the head. Returns how the kernel's last run stopped.
   */
  run(cycles: number): KernelStop {
    return this.runTo(this.now + Math.max(0, cycles), true);
  }

  /**
   * Runs forward until machine time `time` (or until the system cannot run and nothing recorded can move
   * it on). Recorded inputs that took effect exactly at `time` are applied when `inclusive`.
   */
  runTo(time: number, inclusive = false): KernelStop {
    const k = this.kernel;
    let last: KernelStop = { kind: "budget" };
    for (;;) {
      this.notice();
      const now = this.now;
      const applied = k.journal.length;
      let next = this.checkpoints[this.passed + 1];
      while (next && (next.time < now || (next.time === now && next.inputs < applied))) {
        // Passed without landing on it (it cannot happen in a deterministic replay, but costs nothing).
        this.passed++;
        next = this.checkpoints[this.passed + 1];
      }
      if (next && next.inputs === applied && next.time === now) {
        this.rebase(this.passed + 1);
        continue;
      }
      const input = this.timeline[applied];
      const due = input !== undefined && (input.at < now || (input.at === now && (inclusive || now < time)));
      if (due) {
        k.input(input.input);
        // The recorded entry itself, so that the journal stays a prefix of the timeline.
        k.journal[k.journal.length - 1] = input;
        continue;
      }
      if (now >= time) return last;
      let until = time;
      if (input) until = Math.min(until, input.at);
      if (next) until = Math.min(until, next.time);
      if (next === undefined && input === undefined) {
        const newest = this.checkpoints[this.checkpoints.length - 1];
        const since = now - newest.time;
        const due =
          since >= this.interval &&
          (this.fixed ||
            since >= CHECKPOINT_MAX_CYCLES ||
            hostNow() - this.lastCheckpointAt >= CHECKPOINT_HOST_MS);
        if (due) {
          this.record();
          continue;
        }
        const left = since < this.interval ? this.interval - since : this.interval;
        until = Math.min(until, now + left);
      }
      last = this.step(Math.max(1, until - now));
      if (this.now === now) {
        // The system cannot run (a bugcheck, power off): only a recorded input can move it on.
        this.notice();
        const waiting = this.timeline[k.journal.length];
        if (!waiting || waiting.at > now) return last;
      }
    }
  }

  /**
   * Goes to machine time `time`: the first instruction boundary at or after it, with every input that
   * took effect at or before it applied. Before the window, the nearest landmark at or before it.
   * Returns false when the time is outside what history holds (then nothing changes).
   */
  seek(time: number): boolean {
    this.notice();
    if (time > this.end) return false;
    const index = this.checkpointBefore(time);
    if (index < 0) {
      const landmark = this.landmarkBefore(time);
      if (!landmark) return false;
      this.restoreLandmark(landmark);
    } else this.restoreCheckpoint(index);
    this.runTo(time);
    return true;
  }

  /** Goes to a landmark exactly (a boot or bugcheck), inside the window or not. */
  restoreLandmark(landmark: Landmark): void {
    restoreSystem(this.kernel, landmark.snapshot);
    this.kernel.journal = this.timeline.slice(0, landmark.inputs);
    this.instructions = landmark.instructions;
    // restoreSystem marked every frame dirty, so memory equals no checkpoint until a replay reaches one.
    this.base = -1;
    this.passed = -1;
    while (
      this.passed + 1 < this.checkpoints.length &&
      this.checkpoints[this.passed + 1].time < landmark.time
    )
      this.passed++;
    this.lastBoot = this.kernel.bootNumber;
    this.lastStatus = this.kernel.state;
  }

  /**
   * The index of the latest checkpoint at or before `time` that has none of the inputs which took effect
   * at `time` (or later): seek's moment has them still to come.
   */
  checkpointBefore(time: number): number {
    const inputs = this.inputsBefore(time);
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      const c = this.checkpoints[i];
      if (c.time <= time && c.inputs <= inputs) return i;
    }
    // The window starts after inputs at its first moment (power-on's boot): that moment is the earliest.
    return this.checkpoints[0].time <= time && this.landmarkBefore(time) === undefined ? 0 : -1;
  }

  /** How many recorded inputs took effect before `time`. */
  private inputsBefore(time: number): number {
    let n = 0;
    while (n < this.timeline.length && this.timeline[n].at < time) n++;
    return n;
  }

  /** The checkpoint's time and the counts kept with it, for searches that skip whole intervals. */
  checkpointAt(index: number): { time: number; trapCounts: number[]; boot: number } | undefined {
    const c = this.checkpoints[index];
    return c && { time: c.time, trapCounts: c.machine.trapCounts, boot: c.record.power.bootNumber };
  }

  /** Puts the whole system back as it was at checkpoint `index`. */
  restoreCheckpoint(index: number): void {
    const k = this.kernel;
    const c = this.checkpoints[index];
    const memory = k.machine.memory;
    const differ = new Set(memory.takeDirty());
    const from = Math.min(this.base, index);
    const to = Math.max(this.base, index);
    for (let j = Math.max(0, from + 1); j <= to; j++)
      for (const frame of this.checkpoints[j].frames.keys()) differ.add(frame);
    if (this.base < 0) for (let frame = 0; frame < memory.frameCount; frame++) differ.add(frame);
    for (const frame of differ) memory.u8.set(this.frameAt(index, frame), frame * PAGE);
    k.machine.mmu.revokeAllWrites();
    restoreMachineState(k.machine, c.machine);
    k.record = copyRecord(c.record);
    k.journal = this.timeline.slice(0, c.inputs);
    this.instructions = c.instructions;
    this.base = index;
    this.passed = index;
    this.lastBoot = k.bootNumber;
    this.lastStatus = k.state;
  }

  /** Drops everything and starts history over from now (a new window with one keyframe). */
  startOver(): void {
    const k = this.kernel;
    this.checkpoints.length = 0;
    this.slotHead = 0;
    this.slotsUsed = 0;
    k.machine.memory.takeDirty();
    k.machine.mmu.revokeAllWrites();
    this.keyframe.set(k.machine.memory.u8);
    this.checkpoints.push(this.checkpointHere(new Map(), 0, 0));
    this.base = 0;
    this.passed = 0;
    this.timeline = k.journal.slice();
    this.headTime = this.now;
  }

  /** The bytes of `frame` as they were at checkpoint `index`. */
  private frameAt(index: number, frame: number): Uint8Array {
    for (let j = index; j >= 1; j--) {
      const slot = this.checkpoints[j].frames.get(frame);
      if (slot !== undefined) return this.store.subarray(slot * PAGE, slot * PAGE + PAGE);
    }
    return this.keyframe.subarray(frame * PAGE, frame * PAGE + PAGE);
  }

  /** One run of the kernel, counting the instructions it retired. */
  private step(cycles: number): KernelStop {
    const k = this.kernel;
    const boot = k.bootNumber;
    const before = k.machine.cpu.instructions;
    const stop = k.run(cycles);
    const after = k.machine.cpu.instructions;
    this.instructions += k.bootNumber === boot && after >= before ? after - before : after;
    if (this.atHead) this.headTime = this.now;
    return stop;
  }

  /**
   * Looks at what changed since the history last looked: inputs that came in through kernel.input
   * directly (in the past they branch off), a boot or a bugcheck (a checkpoint and a landmark).
   */
  private notice(): void {
    const k = this.kernel;
    const journal = k.journal;
    if (journal.length >= JOURNAL_LIMIT && journal[0] !== this.timeline[0]) {
      // The kernel's journal dropped its oldest inputs (JOURNAL_LIMIT): the checkpoints count inputs
      // from power-on, so history starts over here, with a window of its own.
      this.startOver();
      return;
    }
    if (
      journal.length > this.timeline.length ||
      journal[journal.length - 1] !== this.timeline[journal.length - 1]
    ) {
      // Entries the timeline does not have: find where they start, and branch off there.
      let same = 0;
      while (same < journal.length && same < this.timeline.length && journal[same] === this.timeline[same])
        same++;
      if (same < this.timeline.length || this.now < this.headTime) this.branch(same);
      for (let i = same; i < journal.length; i++) this.timeline.push(journal[i]);
      this.headTime = this.now;
    }
    const status = k.state;
    if (k.bootNumber !== this.lastBoot || (status === "bugcheck" && this.lastStatus !== "bugcheck")) {
      const kind = k.bootNumber !== this.lastBoot ? "boot" : "bugcheck";
      this.lastBoot = k.bootNumber;
      this.lastStatus = status;
      if (this.atHead) {
        this.record();
        this.landmark(kind);
      }
    }
    this.lastStatus = status;
  }

  /** Drops the recorded future after now (keeping `inputs` timeline entries), to record a new one. */
  private branch(inputs: number): void {
    const now = this.now;
    this.timeline.length = inputs;
    while (this.checkpoints.length > 1) {
      const c = this.checkpoints[this.checkpoints.length - 1];
      if (c.time < now || (c.time === now && c.inputs <= inputs)) break;
      this.checkpoints.pop();
      this.slotsUsed -= c.slotCount;
    }
    if (this.base >= this.checkpoints.length) this.base = this.checkpoints.length - 1;
    this.passed = Math.min(this.passed, this.checkpoints.length - 1);
    while (this.landmarks.length > 0 && this.landmarks[this.landmarks.length - 1].time > now)
      this.landmarks.pop();
    this.headTime = now;
  }

  /** Memory equals checkpoint `index` again (a replay reached it): the dirty frames start over. */
  private rebase(index: number): void {
    this.kernel.machine.memory.takeDirty();
    this.kernel.machine.mmu.revokeAllWrites();
    this.base = index;
    this.passed = index;
  }

  /** Takes a checkpoint at the head: the frames written since the last one go into the page store. */
  private record(): void {
    const memory = this.kernel.machine.memory;
    const dirty = memory.takeDirty();
    this.kernel.machine.mmu.revokeAllWrites();
    while (
      this.checkpoints.length >= MAX_CHECKPOINTS ||
      (this.slots - this.slotsUsed < dirty.length && this.checkpoints.length > 1)
    )
      this.dropOldest();
    if (this.slots - this.slotsUsed < dirty.length) {
      // One checkpoint's frames would not fit even alone: this moment becomes the keyframe.
      this.startOver();
      return;
    }
    const slotStart = (this.slotHead + this.slotsUsed) % this.slots;
    const frames = new Map<number, number>();
    dirty.forEach((frame, i) => {
      const slot = (slotStart + i) % this.slots;
      this.store.set(memory.u8.subarray(frame * PAGE, frame * PAGE + PAGE), slot * PAGE);
      frames.set(frame, slot);
    });
    this.slotsUsed += dirty.length;
    this.checkpoints.push(this.checkpointHere(frames, slotStart, dirty.length));
    this.lastCheckpointAt = hostNow();
    this.base = this.checkpoints.length - 1;
    this.passed = this.base;
  }

  private checkpointHere(frames: Map<number, number>, slotStart: number, slotCount: number): Checkpoint {
    const k = this.kernel;
    return {
      time: this.now,
      instructions: this.instructions,
      inputs: k.journal.length,
      machine: machineState(k.machine),
      record: copyRecord(k.record),
      frames,
      slotStart,
      slotCount,
    };
  }

  /** Folds the second-oldest checkpoint's frames into the keyframe and drops the oldest. */
  private dropOldest(): void {
    const next = this.checkpoints[1];
    for (const [frame, slot] of next.frames)
      this.keyframe.set(this.store.subarray(slot * PAGE, slot * PAGE + PAGE), frame * PAGE);
    this.slotHead = (this.slotHead + next.slotCount) % this.slots;
    this.slotsUsed -= next.slotCount;
    next.frames = new Map();
    next.slotCount = 0;
    this.checkpoints.shift();
    this.base--;
    this.passed--;
  }

  private landmark(kind: Landmark["kind"]): void {
    this.landmarks.push({
      kind,
      time: this.now,
      inputs: this.kernel.journal.length,
      instructions: this.instructions,
      snapshot: snapshotSystem(this.kernel),
    });
    if (this.landmarks.length > MAX_LANDMARKS) this.landmarks.shift();
  }

  private landmarkBefore(time: number): Landmark | undefined {
    for (let i = this.landmarks.length - 1; i >= 0; i--)
      if (this.landmarks[i].time <= time) return this.landmarks[i];
    return undefined;
  }
}

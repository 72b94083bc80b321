/**
 * History: time travel over the whole system. Every CHECKPOINT_WORK of work (instructions retired, and
 * the host calls the kernel handled, each weighed as HOST_CALL_WORK instructions) the history keeps a
 * checkpoint (the machine's state but its memory, the kernel's record, how many inputs were in the
 * journal) and, of memory, only the frames written since the checkpoint before (memory.ts tracks them;
 * the MMU keeps the CPU's stores honest). With the journal of inputs, any moment inside the window is
 * reached by restoring the nearest checkpoint before it and running forward, replaying the inputs that
 * came in meanwhile: the machine is deterministic, so this gives exactly the run that happened.
 *
 *   oldest                                                                    newest = the head
 *   [keyframe: all of memory] [delta] [delta] ... [delta]   frames in a preallocated page store
 *
 * The oldest checkpoint's memory is one full image (the keyframe); dropping the oldest folds the next
 * one's frames into that image. Restoring a checkpoint copies only the frames that differ from memory
 * as it is now: those written since the checkpoint the system was last at, and those of the
 * checkpoints in between. A boot zeroes memory, so its checkpoint (taken at once) is a full keyframe
 * too; each boot and each bugcheck is also kept as a whole-system snapshot (a landmark), so the last
 * few stay reachable after they leave the window.
 *
 * When: checkpoints are spaced by what the machine did, never by the host's clock, and considered only
 * at fixed moments of machine time (CHECKPOINT_GRID_CYCLES), so where they fall (and so the window) is
 * the same on every host, in every run, however its runs are sliced. A checkpoint costs some tens of
 * microseconds (mostly the kernel record's copy), and going back replays from the nearest one at the
 * interpreter's full speed, so the spacing bounds both the slowdown (a few percent on a machine that
 * computes without pause) and the replay behind any step back (a few tenths of a millisecond).
 *
 * Near checkpoints: moving about in the past (travel.ts) leaves a few extra checkpoints where it went,
 * NEAR_CHECKPOINTS at most, each a copy of the frames that differ from the checkpoint before it. Going
 * back again a little way then restores one of those instead of replaying a whole interval. They are
 * dropped whenever the checkpoints they build on change.
 *
 * The window: at least the last WINDOW_INSTRUCTIONS instructions (10 million), plus the landmarks.
 * At most MAX_CHECKPOINTS checkpoints are kept: when there are that many, the oldest is dropped if the
 * rest still hold WINDOW_INSTRUCTIONS, and otherwise (a machine that mostly sleeps) two neighbours that
 * retired the fewest instructions between them are merged, so the window still reaches that far back
 * at the price of longer replays there. Frames live in a page store of `storeBytes` (12 MiB by default)
 * allocated up front, and there are MAX_LANDMARKS landmarks. A run that writes more distinct frames than
 * the store holds gets a shorter window; `start` says where it begins. The inputs recorded are the
 * kernel's journal, whose own limit (JOURNAL_LIMIT) they share: when the journal drops its oldest
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
import { PageStore } from "./pageStore";
import { copyRecord, restoreSystem, type SystemSnapshot, snapshotSystem } from "./systemSnapshot";

/**
 * Work between checkpoints, in instructions: what bounds the replay behind a step back. The work of a
 * run is the instructions it retired plus HOST_CALL_WORK for each host call it made (a trap the kernel
 * handles, a kernel service), because the host's own code is most of what an idle machine costs.
 */
export const CHECKPOINT_WORK = 524_288;
/**
 * A host call weighs this many instructions. Measured (CPU time, 2026-12-03): the kernel's handling of
 * a timer tick about 12 µs, an instruction about 3 ns.
 */
export const HOST_CALL_WORK = 4096;
/** At most this much machine time between checkpoints (a halted machine sleeps through it for free). */
export const CHECKPOINT_MAX_CYCLES = 16_777_216;
/**
 * Whether a checkpoint is due is asked only at the first instruction boundary at or after each multiple
 * of this many cycles since power-on, so checkpoints fall at the same moments however the caller slices
 * its runs (a page slices them by the host time a frame can spare).
 */
export const CHECKPOINT_GRID_CYCLES = 65_536;
/** The history window holds at least this many of the latest instructions. */
export const WINDOW_INSTRUCTIONS = 10_000_000;
export const MAX_CHECKPOINTS = 1024;
export const DEFAULT_STORE_BYTES = 12 << 20;
export const MAX_LANDMARKS = 8;
/** Near checkpoints kept at most (see the header), and frames one may copy (beyond, none is taken). */
export const NEAR_CHECKPOINTS = 8;
/** How far before the moment it goes to, in cycles, a seek that replays leaves a near checkpoint. */
export const NEAR_LEAD = 4096;
const NEAR_MAX_FRAMES = 64;
const PAGE = 4096;

/** The system at one moment, memory aside: what both kinds of checkpoint keep. */
interface Moment {
  /** Machine time since power-on, in cycles. */
  time: number;
  /** Instructions retired since the history began (across boots). */
  instructions: number;
  /** Work done since the history began (see CHECKPOINT_WORK). */
  work: number;
  /** How many journal entries had been applied. */
  inputs: number;
  machine: MachineState;
  record: KernelRecord;
}

interface Checkpoint extends Moment {
  /** The frames written since the checkpoint before, and the page-store slots that hold their bytes. */
  frames: Map<number, number>;
}

/** A checkpoint between two of the ring's, left by travel: its frames that differ from `base`'s. */
interface NearCheckpoint extends Moment {
  base: Checkpoint;
  frames: Map<number, Uint8Array>;
}

export interface Landmark {
  kind: "boot" | "bugcheck";
  time: number;
  inputs: number;
  instructions: number;
  work: number;
  snapshot: SystemSnapshot;
}

export interface HistoryOptions {
  /** Bytes of the page store for the frames of checkpoints (a multiple of 4 KiB). */
  storeBytes?: number;
  /**
   * At most this much machine time between checkpoints, in cycles (tests use short ones); by default
   * CHECKPOINT_MAX_CYCLES. Where checkpoints fall changes nothing in the run, only what going back costs.
   */
  interval?: number;
  /** Work between checkpoints (CHECKPOINT_WORK by default). */
  work?: number;
  /** Checkpoints kept at most, and the instructions the window keeps when it must thin (tests). */
  maxCheckpoints?: number;
  windowInstructions?: number;
}

export class History {
  readonly kernel: Kernel;
  readonly interval: number;
  readonly spacing: number;
  private readonly maxCheckpoints: number;
  private readonly grid: number;
  /** The last multiple of `grid` a checkpoint was considered at (see CHECKPOINT_GRID_CYCLES). */
  private checkedGrid = 0;
  private readonly windowInstructions: number;
  /** Every input of this branch of the run, in order: the kernel's journal is a prefix of it. */
  private timeline: JournalEntry[];
  private readonly checkpoints: Checkpoint[] = [];
  private readonly near: NearCheckpoint[] = [];
  readonly landmarks: Landmark[] = [];
  /** Memory as it was at the oldest checkpoint. */
  private readonly keyframe: Uint8Array;
  private readonly store: PageStore;
  /**
   * The checkpoint memory is compared with: it equals that checkpoint's memory but for the frames
   * written since (memory's dirty marks) and the frames in `baseExtra` (-1: unknown, after a landmark).
   */
  private base = 0;
  private baseExtra = new Set<number>();
  /** The latest checkpoint the system has been at or run past (where the next one is looked for). */
  private passed = 0;
  /** Instructions retired since the history began, counting every boot, and the work done. */
  private instructions = 0;
  private work = 0;
  /** The furthest time this branch has been run to. */
  private headTime: number;
  private lastBoot: number;
  private lastStatus: string;

  constructor(kernel: Kernel, options: HistoryOptions = {}) {
    this.kernel = kernel;
    this.interval = Math.max(1024, options.interval ?? CHECKPOINT_MAX_CYCLES);
    this.spacing = Math.max(1024, options.work ?? CHECKPOINT_WORK);
    this.maxCheckpoints = Math.max(3, options.maxCheckpoints ?? MAX_CHECKPOINTS);
    this.grid = Math.min(CHECKPOINT_GRID_CYCLES, this.interval);
    this.windowInstructions = options.windowInstructions ?? WINDOW_INSTRUCTIONS;
    this.store = new PageStore(options.storeBytes ?? DEFAULT_STORE_BYTES);
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

  /** Host bytes held: the page store in use, the keyframe and the near checkpoints' frames. */
  get bytesHeld(): number {
    let near = 0;
    for (const n of this.near) near += n.frames.size * PAGE;
    return this.store.slotsUsed * PAGE + this.keyframe.length + near;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Checkpoint times, oldest first (for a scrubber's marks and for tests). */
  get checkpointTimes(): number[] {
    return this.checkpoints.map((c) => c.time);
  }

  /** Instructions retired since the history began (across boots), up to now. */
  get instructionsRetired(): number {
    return this.instructions;
  }

  /** Instructions retired inside the window: from its oldest checkpoint to now. */
  get windowInstructionCount(): number {
    return this.instructions - this.checkpoints[0].instructions;
  }

  /**
   * Runs forward for up to `cycles` of machine time: replays recorded inputs while in the past, records
   * checkpoints at the head. Returns how the kernel's last run stopped.
   */
  run(cycles: number): KernelStop {
    const end = this.now + Math.max(0, cycles);
    if (end - NEAR_LEAD > this.now) {
      // A near checkpoint shortly before where this run stops (where the learner may pause and go
      // back from): one per run, so a few per second of a page's running, not one per interval.
      this.runTo(end - NEAR_LEAD);
      if (this.now >= end - NEAR_LEAD) this.keepNearCheckpoint();
    }
    const stop = this.runTo(end, true);
    if (this.kernel.state === "bugcheck" && this.atHead) this.nearBeforeBluescreen();
    return stop;
  }

  /**
   * The run ended on a bluescreen before its near checkpoint: one is made NEAR_LEAD before it, by a
   * replay to there and back (once per crash, while the machine stands still), because going back from
   * the crash is what a learner does next.
   */
  private nearBeforeBluescreen(): void {
    const at = this.now;
    if (this.near.some((n) => n.time < at && n.time >= at - 2 * NEAR_LEAD)) return;
    const inputs = this.kernel.journal.length;
    if (!this.seek(at - 1) || this.now >= at) {
      this.runTo(at, true);
      return;
    }
    this.runTo(at, true);
    if (this.now !== at || this.kernel.journal.length !== inputs) this.runTo(this.end, true);
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
      const gridIndex = Math.floor(now / this.grid);
      if (next === undefined && input === undefined) {
        // At the head: at the first boundary past each grid line, a checkpoint if enough work or
        // machine time has gone by since the newest. Runs stop at grid lines, so whoever slices them
        // (a caller's `time` in between) sees the same boundaries there, and the same checkpoints.
        if (gridIndex > this.checkedGrid) {
          this.checkedGrid = gridIndex;
          const newest = this.checkpoints[this.checkpoints.length - 1];
          if (now - newest.time >= this.interval || this.work - newest.work >= this.spacing) {
            this.record();
            continue;
          }
        }
        until = Math.min(until, (gridIndex + 1) * this.grid);
      } else {
        // Replaying: the recorded run was asked at every grid line up to here.
        this.checkedGrid = gridIndex;
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
   * Goes to machine time `time`: the first instruction boundary at or after it, with the inputs that
   * took effect before it applied. Before the window, the nearest landmark at or before it. Returns
   * false when the time is outside what history holds (then nothing changes). Unless `leaveNear` is
   * false (a search that seeks many times), a seek that replays leaves a near checkpoint NEAR_LEAD
   * before the moment, for going back a little from it.
   */
  seek(time: number, leaveNear = true): boolean {
    this.notice();
    if (time > this.end) return false;
    const inputs = this.inputsBefore(time);
    const index = this.checkpointBefore(time);
    const k = this.kernel;
    const now = this.now;
    // Forward from here, when no checkpoint lies between, is a replay like any other: no restore.
    const forward =
      (now < time || (now === time && k.journal.length === inputs)) &&
      k.journal.length <= inputs &&
      index >= 0 &&
      this.checkpoints[index].time <= now &&
      now >= this.start;
    if (!forward) {
      if (index < 0) {
        const landmark = this.landmarkBefore(time);
        if (!landmark) return false;
        this.restoreLandmark(landmark);
      } else this.restore(index, this.nearBefore(time, inputs, this.checkpoints[index]));
    }
    if (leaveNear && time - NEAR_LEAD > this.now) {
      // Going back from here again (travel.ts) will then replay from close by, not a whole interval.
      this.runTo(time - NEAR_LEAD);
      this.keepNearCheckpoint();
    }
    this.runTo(time);
    return true;
  }

  /** Goes to a landmark exactly (a boot or bugcheck), inside the window or not. */
  restoreLandmark(landmark: Landmark): void {
    restoreSystem(this.kernel, landmark.snapshot);
    this.kernel.journal = this.timeline.slice(0, landmark.inputs);
    this.instructions = landmark.instructions;
    this.work = landmark.work;
    this.checkedGrid = Math.floor(this.now / this.grid);
    // restoreSystem marked every frame dirty, so memory equals no checkpoint until a replay reaches one.
    this.base = -1;
    this.baseExtra.clear();
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
    this.restore(index, undefined);
  }

  /**
   * Leaves a near checkpoint here, so that going back to a moment shortly after this one replays from
   * here rather than from the checkpoint before. Does nothing at a checkpoint, after a landmark's
   * restore (until a replay reaches a checkpoint), or where too many frames were written since one.
   */
  keepNearCheckpoint(): void {
    if (this.base < 0) return;
    const base = this.checkpoints[this.base];
    if (this.near.some((n) => n.time === this.now && n.base === base)) return;
    const memory = this.kernel.machine.memory;
    const frames = new Set(this.baseExtra);
    for (const frame of memory.writtenFrames()) frames.add(frame);
    if (frames.size > NEAR_MAX_FRAMES || (frames.size === 0 && base.time === this.now)) return;
    const copies = new Map<number, Uint8Array>();
    for (const frame of frames) copies.set(frame, memory.u8.slice(frame * PAGE, frame * PAGE + PAGE));
    this.near.push({ ...this.momentHere(), base, frames: copies });
    if (this.near.length > NEAR_CHECKPOINTS) this.near.shift();
  }

  /** Forgets the near checkpoints (they are a cache: every moment is still reached, from further back). */
  dropNearCheckpoints(): void {
    this.near.length = 0;
  }

  /** The latest near checkpoint at or before `time`, with at most `inputs` applied, after `after`. */
  private nearBefore(time: number, inputs: number, after: Checkpoint): NearCheckpoint | undefined {
    let best: NearCheckpoint | undefined;
    for (const n of this.near)
      if (n.time <= time && n.inputs <= inputs && n.time > after.time && (!best || n.time > best.time))
        best = n;
    // A near checkpoint builds on the ring checkpoint before it: that must be the one seek chose.
    return best && best.base === after ? best : undefined;
  }

  /**
   * Puts the whole system back as it was at checkpoint `index`, or at a near checkpoint built on it:
   * only the frames that may differ from memory as it is are copied.
   */
  private restore(index: number, near: NearCheckpoint | undefined): void {
    const k = this.kernel;
    const c = this.checkpoints[index];
    const memory = k.machine.memory;
    const differ = this.framesDifferingFrom(index);
    if (near) for (const frame of near.frames.keys()) differ.add(frame);
    for (const frame of differ)
      memory.u8.set(near?.frames.get(frame) ?? this.frameAt(index, frame), frame * PAGE);
    k.machine.mmu.revokeAllWrites();
    const at = near ?? c;
    restoreMachineState(k.machine, at.machine);
    k.record = copyRecord(at.record);
    k.journal = this.timeline.slice(0, at.inputs);
    this.instructions = at.instructions;
    this.work = at.work;
    this.checkedGrid = Math.floor(this.now / this.grid);
    this.base = index;
    this.baseExtra = near ? new Set(near.frames.keys()) : new Set();
    this.passed = index;
    this.lastBoot = k.bootNumber;
    this.lastStatus = k.state;
  }

  /**
   * The frames in which memory may differ from checkpoint `index`'s (and takes the dirty marks): those
   * written since the base checkpoint, the base's extra ones, and those of the checkpoints in between.
   */
  private framesDifferingFrom(index: number): Set<number> {
    const memory = this.kernel.machine.memory;
    const differ = new Set(memory.takeDirty());
    for (const frame of this.baseExtra) differ.add(frame);
    if (this.base < 0) {
      for (let frame = 0; frame < memory.frameCount; frame++) differ.add(frame);
      return differ;
    }
    const from = Math.min(this.base, index);
    const to = Math.max(this.base, index);
    for (let j = from + 1; j <= to; j++)
      for (const frame of this.checkpoints[j].frames.keys()) differ.add(frame);
    return differ;
  }

  /** Drops everything and starts history over from now (a new window with one keyframe). */
  startOver(): void {
    const k = this.kernel;
    this.checkpoints.length = 0;
    this.near.length = 0;
    this.store.releaseAll();
    k.machine.memory.takeDirty();
    k.machine.mmu.revokeAllWrites();
    this.keyframe.set(k.machine.memory.u8);
    this.checkpoints.push({ ...this.momentHere(), frames: new Map() });
    this.base = 0;
    this.baseExtra.clear();
    this.passed = 0;
    this.checkedGrid = Math.floor(this.now / this.grid);
    this.timeline = k.journal.slice();
    this.headTime = this.now;
  }

  /** The bytes of `frame` as they were at checkpoint `index`. */
  private frameAt(index: number, frame: number): Uint8Array {
    for (let j = index; j >= 1; j--) {
      const slot = this.checkpoints[j].frames.get(frame);
      if (slot !== undefined) return this.store.page(slot);
    }
    return this.keyframe.subarray(frame * PAGE, frame * PAGE + PAGE);
  }

  /** One run of the kernel, counting the instructions it retired and the work it did. */
  private step(cycles: number): KernelStop {
    const k = this.kernel;
    const boot = k.bootNumber;
    const before = k.machine.cpu.instructions;
    const calls = k.machine.hostCalls;
    const stop = k.run(cycles);
    const after = k.machine.cpu.instructions;
    const retired = k.bootNumber === boot && after >= before ? after - before : after;
    this.instructions += retired;
    this.work += retired + HOST_CALL_WORK * (k.machine.hostCalls - calls);
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
      // A replay that reaches the end of the recording on its bluescreen finds both already kept.
      const newest = this.checkpoints[this.checkpoints.length - 1];
      const kept = newest.time === this.now && newest.inputs === k.journal.length;
      if (this.atHead && !kept) {
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
    this.near.length = 0;
    while (this.checkpoints.length > 1) {
      const c = this.checkpoints[this.checkpoints.length - 1];
      if (c.time < now || (c.time === now && c.inputs <= inputs)) break;
      this.checkpoints.pop();
      for (const slot of c.frames.values()) this.store.release(slot);
      if (this.base === this.checkpoints.length) {
        // Memory was compared with the checkpoint dropped: compare it with the one before, which
        // differs from it by the dropped one's frames.
        this.base--;
        for (const frame of c.frames.keys()) this.baseExtra.add(frame);
      }
    }
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
    this.baseExtra.clear();
    this.passed = index;
  }

  /** Takes a checkpoint at the head: the frames that differ from the newest go into the page store. */
  private record(): void {
    const memory = this.kernel.machine.memory;
    const differ = [...this.framesDifferingFrom(this.checkpoints.length - 1)];
    this.kernel.machine.mmu.revokeAllWrites();
    while (this.checkpoints.length >= this.maxCheckpoints) this.makeRoom();
    while (this.store.slotsFree < differ.length && this.checkpoints.length > 1) this.dropOldest();
    if (this.store.slotsFree < differ.length) {
      // One checkpoint's frames would not fit even alone: this moment becomes the keyframe.
      this.startOver();
      return;
    }
    const frames = new Map<number, number>();
    for (const frame of differ)
      frames.set(frame, this.store.keep(memory.u8.subarray(frame * PAGE, frame * PAGE + PAGE)));
    this.checkpoints.push({ ...this.momentHere(), frames });
    this.base = this.checkpoints.length - 1;
    this.baseExtra.clear();
    this.passed = this.base;
  }

  /** The system now, memory aside (a copy: the kernel goes on changing its record). */
  private momentHere(): Moment {
    const k = this.kernel;
    return {
      time: this.now,
      instructions: this.instructions,
      work: this.work,
      inputs: k.journal.length,
      machine: machineState(k.machine),
      record: copyRecord(k.record),
    };
  }

  /**
   * One checkpoint fewer: the oldest if the rest still hold the window's instructions; otherwise, in
   * the older half (the recent past stays dense, it is where learners go back to), the checkpoint
   * whose neighbours have the least work between them goes, and the window keeps its reach.
   */
  private makeRoom(): void {
    const c = this.checkpoints;
    if (this.instructions - c[1].instructions >= this.windowInstructions) {
      this.dropOldest();
      return;
    }
    const span = (i: number) => c[i + 1].work - c[i - 1].work;
    let merge = 1;
    for (let i = 2; i <= c.length >> 1; i++) if (span(i) < span(merge)) merge = i;
    this.mergeIntoNext(merge);
  }

  /** Removes checkpoint `index` (not the oldest nor the newest): the next one takes over its frames. */
  private mergeIntoNext(index: number): void {
    const gone = this.checkpoints[index];
    const next = this.checkpoints[index + 1];
    for (const [frame, slot] of gone.frames) {
      if (next.frames.has(frame)) this.store.release(slot);
      else next.frames.set(frame, slot);
    }
    this.checkpoints.splice(index, 1);
    this.near.length = 0;
    if (this.base === index) {
      this.base--;
      for (const frame of gone.frames.keys()) this.baseExtra.add(frame);
    } else if (this.base > index) this.base--;
    if (this.passed >= index) this.passed--;
  }

  /** Folds the second-oldest checkpoint's frames into the keyframe and drops the oldest. */
  private dropOldest(): void {
    const next = this.checkpoints[1];
    for (const [frame, slot] of next.frames) {
      this.keyframe.set(this.store.page(slot), frame * PAGE);
      this.store.release(slot);
      // Memory compared with the checkpoint dropped differs from the new oldest in these frames too.
      if (this.base === 0) this.baseExtra.add(frame);
    }
    next.frames = new Map();
    this.checkpoints.shift();
    this.near.length = 0;
    if (this.base > 0) this.base--;
    this.passed--;
  }

  private landmark(kind: Landmark["kind"]): void {
    this.landmarks.push({
      kind,
      time: this.now,
      inputs: this.kernel.journal.length,
      instructions: this.instructions,
      work: this.work,
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

/**
 * Time travel and crash analysis in the workbench: the controls over the session's history (back one
 * instruction, one C line, to the previous trap, to just before the fault; a scrubber to any moment;
 * forward to the end of what was recorded) and the crash analysis panel's text. Every move pauses the
 * run first: going back is looking, and the learner decides when time runs again. Running on from the
 * past replays the recorded future; changing anything (saving a file, loading a driver in another mode,
 * typing) branches off there, and the new run is recorded instead (kernel/history.ts).
 */
import { analysisText, analyzeCrash, dumpScene } from "../kernel/crashAnalysis";
import type { Kernel } from "../kernel/kernel";
import { formatLocation, sourceLocation } from "../kernel/modules";
import { beforeFault, latestCrash, previousTrap, stepBack, stepBackLine } from "../kernel/travel";
import type { Session } from "./session";
import type { AppState } from "./state";
import type { Store } from "./store";

export type TravelMove = "instruction" | "line" | "trap" | "fault";

/** Instructions looked ahead for the crash of the fault the machine stands just before. */
const LOOK_AHEAD = 16;

const MOVES: Record<TravelMove, { done: string; failed: string }> = {
  instruction: { done: "Back one instruction", failed: "Already at the start of the history window" },
  line: { done: "Back one source line", failed: "No earlier source line inside the window" },
  trap: {
    done: "Just before the previous trap (a fault or a system call)",
    failed: "No earlier trap inside the window",
  },
  fault: {
    done: "Just before the fault: the next instruction is the one that faulted",
    failed: "No fault to go back to",
  },
};

export class TimeTravel {
  constructor(
    private readonly store: Store<AppState>,
    private readonly session: Session,
    private readonly pause: () => void,
  ) {}

  /** Goes back by one of the moves; false (with the reason in the slice) when it could not. */
  back(move: TravelMove): boolean {
    this.pause();
    const h = this.session.history;
    const moved =
      move === "instruction"
        ? stepBack(h)
        : move === "line"
          ? stepBackLine(h)
          : move === "trap"
            ? previousTrap(h)
            : beforeFault(h);
    this.arrived(moved ? MOVES[move].done : MOVES[move].failed);
    return moved;
  }

  /** Goes to a moment (machine time since power-on, in cycles), as the scrubber does. */
  seek(time: number): boolean {
    this.pause();
    const moved = this.session.history.seek(Math.round(time));
    this.arrived(moved ? null : "That moment is no longer in the history window");
    return moved;
  }

  /** Runs forward, replaying what was recorded, to the end of the recording. */
  toEnd(): void {
    this.pause();
    const h = this.session.history;
    h.runTo(h.end, true);
    this.arrived("At the end of the recording");
  }

  /**
   * The crash analysis. Standing just before a fault (in the past), it is of that fault: history looks
   * a few instructions ahead for the crash, then comes back. Elsewhere in the past it is of the
   * bluescreen the recording ends on, if it does; otherwise of the last crash dump.
   */
  analyze(): string {
    const k = this.session.kernel;
    const h = this.session.history;
    let text: string | undefined;
    if (k.state !== "bugcheck" && !h.atHead) {
      const here = h.now;
      const seq = k.log.nextSeq;
      for (let i = 0; i < LOOK_AHEAD && k.log.nextSeq === seq; i++) {
        const before = h.now;
        h.runTo(before + 1);
        if (h.now === before) break;
      }
      const crash = k.log.events.find(
        (e) => e.seq >= seq && (e.kind === "process-fault" || e.kind === "bugcheck"),
      );
      if (crash?.kind === "bugcheck") text = dumpText(k);
      else if (crash === undefined) {
        // Not just before a fault: the crash the recording ends in, if it ends on a bluescreen.
        h.runTo(h.end, true);
        if ((k.state as string) === "bugcheck") text = dumpText(k);
      }
      h.seek(here);
      if (crash?.kind === "process-fault")
        text = analysisText(analyzeCrash(k, { kind: "process-fault", event: crash }));
    }
    text ??=
      dumpText(k) ??
      "Nothing to analyze: there is no crash dump, and the machine is not just before a fault (go there first).";
    const analysis = text;
    this.store.update((s) => {
      s.travel.analysis = analysis;
    });
    return analysis;
  }

  /** Brings the views and the travel slice up to date after a move. */
  arrived(message: string | null): void {
    this.session.afterTravel();
    this.refresh(message);
  }

  /** Refreshes the travel slice (the page calls this as time runs, a few times a second). */
  refresh(message?: string | null): void {
    const h = this.session.history;
    const k = this.session.kernel;
    const process = k.current;
    const where = process ? sourceLocation(process, k.machine.cpu.pc >>> 0) : undefined;
    const crash = latestCrash(k);
    this.store.update((s) => {
      s.travel.now = h.now;
      s.travel.start = h.start;
      s.travel.end = h.end;
      s.travel.atEnd = h.atHead;
      s.travel.crash = crash?.time ?? null;
      s.travel.where = where ? formatLocation(where) : null;
      if (message !== undefined) s.travel.message = message;
    });
  }
}

/** The last crash dump, explained; undefined when there is none. */
function dumpText(k: Kernel): string | undefined {
  const dump = dumpScene(k);
  return dump && analysisText(analyzeCrash(dump.scene, dump.facts));
}

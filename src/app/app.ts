/**
 * The app: the store, the workbench session and its editor, the side-by-side demo, the run controls
 * and share links, put together. The page calls `frame(now)` once per animation frame; everything else
 * is a plain method a button (or a test) calls. No DOM here.
 */
import { Editor } from "./editing";
import { NO_LESSON } from "./lesson";
import { RunLoop } from "./runLoop";
import { type FileStorage, loadFiles, saveFiles } from "./savedFiles";
import { runs, Session } from "./session";
import { decodeShare, encodeShare, type ShareState } from "./share";
import { SideBySideController } from "./sideBySideController";
import { SIDE_BY_SIDE_DRIVERS, SIDE_MODES } from "./sideBySideState";
import { type AppState, DEFAULT_FILE, DEFAULT_SEED, NO_TRAVEL, type Route, SPEEDS } from "./state";
import { stepInstruction, stepLine } from "./stepping";
import { createStore, type Store } from "./store";
import { TimeTravel } from "./timeTravel";

export function initialState(): AppState {
  return {
    route: "start",
    presenter: false,
    notice: null,
    announcements: [],
    scenario: { seed: DEFAULT_SEED, files: {} },
    editor: {
      path: DEFAULT_FILE,
      text: "",
      dirty: false,
      mode: "kernel",
      checked: false,
      diagnostics: [],
      build: "ok",
    },
    run: { status: "running", speed: 1, achievedSpeed: null },
    machine: {
      generation: 0,
      state: "off",
      bootNumber: 0,
      safeMode: false,
      bugcheck: null,
      fault: null,
      rebootIn: null,
    },
    clock: { tick: 0, cycles: 0, instructions: 0 },
    processes: [],
    drivers: [],
    disk: [],
    timeline: [],
    step: null,
    sideBySide: {
      status: "idle",
      generation: 0,
      driver: SIDE_BY_SIDE_DRIVERS[0].path,
      seed: DEFAULT_SEED,
      elapsed: 0,
      duration: 0,
      loadAt: 0,
      kernel: null,
      user: null,
      verified: null,
      columns: [...SIDE_MODES],
    },
    lesson: NO_LESSON,
    travel: NO_TRAVEL,
  };
}

export interface AppOptions {
  /** Milliseconds from a monotonic clock (performance.now in the page). */
  now: () => number;
  /**
   * Cycles the workbench machine's firmware waits at power-on for S or F8 (safe mode, the way out of a
   * boot loop). The page gives a second; headless runs boot at once.
   */
  bootMenuCycles?: number;
  /** Where the learner's files are kept between visits (localStorage in the page); none: not kept. */
  storage?: FileStorage;
}

export class App {
  readonly store: Store<AppState>;
  readonly session: Session;
  readonly editor: Editor;
  readonly sideBySide: SideBySideController;
  readonly travel: TimeTravel;
  private readonly loop: RunLoop;
  private lastFrame: number | undefined;

  private readonly storage: FileStorage | undefined;

  constructor(options: AppOptions) {
    const state = initialState();
    this.storage = options.storage;
    // The files the learner saved on an earlier visit go on the disk of the first machine already.
    state.scenario.files = loadFiles(this.storage);
    this.store = createStore(state);
    this.session = new Session(this.store, { bootMenuCycles: options.bootMenuCycles ?? 0 });
    this.editor = new Editor(this.store, this.session);
    this.sideBySide = new SideBySideController(this.store);
    this.travel = new TimeTravel(this.store, this.session, () => this.pause());
    this.loop = new RunLoop(options.now);
    this.editor.open(DEFAULT_FILE);
    this.store.subscribe(
      (s) => s.scenario.files,
      (files) => {
        if (saveFiles(this.storage, files)) return;
        this.store.update((s) => {
          s.notice = {
            kind: "error",
            text: "This browser would not keep your files (its storage is full or switched off): they last until you close the page. Share link keeps them in a link.",
          };
        });
      },
    );
  }

  /**
   * Back to the default disk: forgets the learner's files (here and in the browser) and powers on a
   * fresh machine with the default files, the sample driver open.
   */
  restoreDefaultFiles(): void {
    this.store.update((s) => {
      s.scenario.files = {};
      s.editor.dirty = false;
    });
    this.session.reset();
    this.editor.open(DEFAULT_FILE);
  }

  get state(): AppState {
    return this.store.get();
  }

  /** One animation frame: runs the machine of the page on show for the time elapsed since the last. */
  frame(now: number): void {
    const elapsed = this.lastFrame === undefined ? 0 : Math.max(0, now - this.lastFrame);
    this.lastFrame = now;
    const { route, run } = this.state;
    const running = run.status === "running";
    let reached: number | null = null;
    if (route === "workbench") {
      if (running && runs(this.session.kernel))
        reached = this.loop.frame(this.session, run.speed, elapsed).speed;
      this.session.afterFrame(elapsed, run.speed);
    } else if (route === "side-by-side" && this.sideBySide.runner && !this.sideBySide.runner.done) {
      if (running) reached = this.loop.frame(this.sideBySide, run.speed, elapsed).speed;
      this.sideBySide.afterFrame(elapsed);
    }
    this.noteSpeed(reached);
  }

  /** Remembers, smoothed, when the machine falls behind the speed asked for. */
  private smoothed: number | null = null;
  private noteSpeed(reached: number | null): void {
    const { speed, achievedSpeed } = this.state.run;
    if (reached === null) return;
    this.smoothed = this.smoothed === null ? reached : this.smoothed * 0.9 + reached * 0.1;
    const behind = this.smoothed < speed * 0.85 ? Math.round(this.smoothed * 10) / 10 : null;
    if (behind !== achievedSpeed)
      this.store.update((s) => {
        s.run.achievedSpeed = behind;
      });
  }

  navigate(route: Route): void {
    this.store.update((s) => {
      s.route = route;
    });
  }

  // ---- Run controls ----------------------------------------------------------------------------------

  pause(): void {
    this.store.update((s) => {
      s.run.status = "paused";
    });
  }

  resume(): void {
    this.smoothed = null;
    this.store.update((s) => {
      s.run.status = "running";
      s.step = null;
    });
  }

  toggleRun(): void {
    if (this.state.run.status === "running") this.pause();
    else this.resume();
  }

  setSpeed(speed: number): void {
    if (!(SPEEDS as readonly number[]).includes(speed)) return;
    this.smoothed = null;
    this.store.update((s) => {
      s.run.speed = speed;
      s.run.achievedSpeed = null;
    });
  }

  stepInstruction(): void {
    this.pause();
    const text = stepInstruction(this.session.kernel, this.session.history);
    this.session.sync(true);
    this.store.update((s) => {
      s.step = { text };
    });
  }

  stepLine(): void {
    this.pause();
    const text = stepLine(this.session.kernel, this.session.history);
    this.session.sync(true);
    this.store.update((s) => {
      s.step = { text };
    });
  }

  /** A new machine from the scenario (fresh disk plus the learner's saved files). */
  reset(): void {
    this.session.reset();
    const { path, dirty } = this.state.editor;
    if (!dirty && !this.editor.open(path)) this.editor.open(DEFAULT_FILE);
  }

  /** Restarts the machine now; a held (paused) bluescreen lets go, so the machine comes back running. */
  reboot(): void {
    this.session.reboot();
    this.resume();
  }

  togglePresenter(): void {
    this.store.update((s) => {
      s.presenter = !s.presenter;
    });
  }

  dismissNotice(): void {
    this.store.update((s) => {
      s.notice = null;
    });
  }

  // ---- Sharing -------------------------------------------------------------------------------------------

  /** What a share link carries: the learner's files (the open one as edited), the open file and its mode. */
  shareState(): ShareState {
    const { scenario, editor, route, lesson } = this.state;
    const files = { ...scenario.files };
    if (editor.dirty || files[editor.path] !== undefined) files[editor.path] = editor.text;
    return {
      v: 1,
      route,
      seed: scenario.seed,
      files,
      open: { path: editor.path, mode: editor.mode, checked: editor.checked },
      ...(lesson.id ? { lesson: { id: lesson.id, progress: lesson.data ?? undefined } } : {}),
    };
  }

  /** The URL fragment (without '#') that brings this state back. */
  shareFragment(): Promise<string> {
    return encodeShare(this.shareState());
  }

  /**
   * Opens a share link's fragment: its machine on success; on failure a clear notice and a clean
   * default machine. Returns whether the link was good.
   */
  async openShare(fragment: string): Promise<boolean> {
    const decoded = await decodeShare(fragment);
    if (!decoded.ok) {
      this.store.update((s) => {
        const clean = initialState();
        s.scenario = clean.scenario;
        s.editor = clean.editor;
        s.notice = { kind: "error", text: decoded.error };
        s.route = "workbench";
      });
      this.reset();
      this.editor.open(DEFAULT_FILE);
      return false;
    }
    const shared = decoded.state;
    this.store.update((s) => {
      s.scenario = { seed: shared.seed, files: { ...shared.files } };
      s.sideBySide.seed = shared.seed;
      s.editor.mode = shared.open.mode;
      s.editor.checked = shared.open.checked;
      s.route = shared.route;
      s.notice = { kind: "info", text: "Opened a shared machine: its files are on the disk." };
      if (shared.lesson)
        s.lesson = { id: shared.lesson.id, title: null, data: shared.lesson.progress ?? null };
    });
    this.session.reset();
    if (!this.editor.open(shared.open.path)) this.editor.open(DEFAULT_FILE);
    return true;
  }
}

export function createApp(options: AppOptions): App {
  return new App(options);
}

/**
 * The editor's side of the session: open a file from the machine's disk, edit it (with the compiler's
 * diagnostics kept up to date), save it back to the disk, and load it as a driver in a ring. Saved
 * files also go into the scenario, so a reset or a share link brings them back.
 */

import type { BuildCache } from "../kernel/buildCache";
import { type DriverMode, eventsSince, type KernelEvent } from "../kernel/kernelLog";
import type { Diagnostic } from "../shared/diagnostic";
import type { Session } from "./session";
import type { AppState, EditorSlice, LoadMode } from "./state";
import type { Store } from "./store";

export function isCode(path: string): boolean {
  return /\.(c|s)$/.test(path);
}

/** Text a person can edit: no NUL bytes, valid UTF-8. */
export function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the editor's text and says what the compiler said. The build is the kernel's own (its build
 * cache): loading the same text later uses this very image instead of compiling it again.
 */
export function diagnose(
  builds: BuildCache,
  path: string,
  text: string,
  checked: boolean,
): Pick<EditorSlice, "diagnostics" | "build"> {
  if (!isCode(path)) return { diagnostics: [], build: "not code" };
  const result = builds.output(path, text, checked);
  const diagnostics: Diagnostic[] = result.diagnostics.map((d) => ({ ...d }));
  const failed = !result.image || diagnostics.some((d) => d.severity === "error");
  return { diagnostics, build: failed ? "errors" : "ok" };
}

export const NEW_DRIVER_TEMPLATE = `// A new driver. Load it in user mode first: a bug there costs one process, not the machine.
int main(void) {
  struct event ev;
  printf("my driver: started\\n");
  while (next_event(&ev)) {
    printf("event %d from %s\\n", ev.kind, ev.name);
  }
  return 0;
}
`;

export class Editor {
  constructor(
    private readonly store: Store<AppState>,
    private readonly session: Session,
  ) {}

  private disk() {
    return this.session.kernel.machine.devices.disk;
  }

  /** The file's text on the disk, or undefined when it is missing or not text. */
  readFile(path: string): string | undefined {
    const bytes = this.disk().read(path);
    if (!bytes || !isText(bytes)) return undefined;
    return new TextDecoder().decode(bytes);
  }

  /** Opens a file; false when it is not a text file on the disk. */
  open(path: string): boolean {
    const text = this.readFile(path);
    if (text === undefined) return false;
    const { checked } = this.store.get().editor;
    const diagnosed = diagnose(this.session.kernel.builds, path, text, checked);
    this.store.update((s) => {
      s.editor.path = path;
      s.editor.text = text;
      s.editor.dirty = false;
      s.editor.diagnostics = diagnosed.diagnostics;
      s.editor.build = diagnosed.build;
    });
    return true;
  }

  /** The editor's text changed. Diagnostics follow (the page calls this after a short pause in typing). */
  edit(text: string): void {
    const { path, checked } = this.store.get().editor;
    const diagnosed = diagnose(this.session.kernel.builds, path, text, checked);
    const onDisk = this.readFile(path);
    this.store.update((s) => {
      s.editor.text = text;
      s.editor.dirty = text !== onDisk;
      s.editor.diagnostics = diagnosed.diagnostics;
      s.editor.build = diagnosed.build;
    });
  }

  /** Writes the editor's text to the machine's disk (and to the scenario); false if the disk refused it. */
  save(): boolean {
    const { path, text } = this.store.get().editor;
    if (this.session.kernel.input({ kind: "write-file", path, text }) !== "") return false;
    this.store.update((s) => {
      s.editor.dirty = false;
      s.scenario.files[path] = text;
    });
    this.session.sync(true);
    return true;
  }

  setMode(mode: LoadMode): void {
    this.store.update((s) => {
      s.editor.mode = mode;
    });
  }

  setChecked(checked: boolean): void {
    const { path, text } = this.store.get().editor;
    const diagnosed = diagnose(this.session.kernel.builds, path, text, checked);
    this.store.update((s) => {
      s.editor.checked = checked;
      s.editor.diagnostics = diagnosed.diagnostics;
      s.editor.build = diagnosed.build;
    });
  }

  /**
   * Saves the file if it changed, then loads it through the kernel's door for inputs; the console
   * shows the command a person would type to do the same. False when the machine is not running.
   */
  load(mode: DriverMode): boolean {
    const { path, dirty, checked } = this.store.get().editor;
    if (this.session.kernel.state !== "running") return false;
    if (dirty && !this.save()) return false;
    this.setMode(mode);
    const log = this.session.kernel.log;
    const before = log.nextSeq;
    this.session.input({ kind: "insmod", path, mode, checked });
    if (mode === "verified") this.showVerifierReport(eventsSince(log, before));
    return true;
  }

  /** A verified load's refusal, shown in the editor at its line (the console shows the whole report). */
  private showVerifierReport(events: readonly KernelEvent[]): void {
    const report = events.find((e) => e.kind === "verifier");
    if (report?.kind !== "verifier" || report.accepted) return;
    const found: Diagnostic[] = report.messages.map((m) => ({
      severity: "error",
      file: m.file,
      line: m.line,
      col: m.col,
      message: `verifier: ${m.message}`,
      ...(m.suggestion ? { suggestion: m.suggestion } : {}),
    }));
    this.store.update((s) => {
      s.editor.diagnostics = [
        ...s.editor.diagnostics.filter((d) => !d.message.startsWith("verifier: ")),
        ...found,
      ];
    });
  }

  /** Creates a driver file from the template (or opens it if it exists). Returns an error message or null. */
  create(path: string): string | null {
    const clean = path.trim();
    if (!/^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\.(c|s)$/.test(clean))
      return "Name the file like /drivers/my-driver.c (letters, digits, . _ -; ending in .c or .s).";
    if (this.disk().read(clean) === undefined) {
      const template = clean.endsWith(".s") ? "; a new driver in assembly\n" : NEW_DRIVER_TEMPLATE;
      if (this.session.kernel.input({ kind: "write-file", path: clean, text: template }) !== "")
        return "The disk is full.";
      this.store.update((s) => {
        s.scenario.files[clean] = template;
      });
      this.session.sync(true);
    }
    this.open(clean);
    return null;
  }
}

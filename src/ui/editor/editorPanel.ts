/**
 * The editor panel: the disk's files (openable), a new-file form, the code editor, the build's
 * diagnostics, and the load bar: "checked", Save, Load in kernel mode, Load in user mode, and Load
 * verified (the verifier first; a refusal shows at its line in the editor). In presenter mode only the
 * load bar stays, so an instructor can load a driver without the code on screen.
 */
import type { App } from "../../app/app";
import { isCode } from "../../app/editing";
import { cpuPicture } from "../../app/inspect";
import type { Diagnostic } from "../../shared/diagnostic";
import { h, replaceChildren, setText, uniqueId } from "../dom";
import { panel } from "../panel";
import { watch } from "../watch";
import type { CodeEditor } from "./codemirror";

const EDIT_DEBOUNCE_MS = 250;

/** Each mounted editor's "hand over what was typed in the last moments" (before sharing, for one). */
const flushers = new Set<() => void>();

/** Hands every editor's latest text to the app now, without waiting for the pause in typing. */
export function flushEditors(): void {
  for (const flush of flushers) flush();
}

export function createEditorPanel(app: App): { element: HTMLElement; dispose(): void } {
  const { element, body, actions } = panel("Driver editor", { area: "editor" });

  let code: CodeEditor | undefined;
  let timer: number | undefined;
  let pending: string | undefined;
  const flush = () => {
    window.clearTimeout(timer);
    if (pending !== undefined) app.editor.edit(pending);
    pending = undefined;
  };
  flushers.add(flush);

  // ---- Files ------------------------------------------------------------------------------------------
  const fileSelectId = uniqueId("file");
  const fileSelect = h("select", { id: fileSelectId, "data-testid": "file-select" });
  fileSelect.addEventListener("change", () => {
    if (
      app.state.editor.dirty &&
      !confirm(`${app.state.editor.path} has unsaved changes. Open another file anyway?`)
    ) {
      fileSelect.value = app.state.editor.path;
      return;
    }
    app.editor.open(fileSelect.value);
  });
  const newName = h("input", {
    type: "text",
    value: "/drivers/my-driver.c",
    "aria-label": "New file name",
    spellcheck: "false",
    autocomplete: "off",
  });
  const newError = h("p", { class: "form-error", role: "alert" });
  const newForm = h(
    "form",
    { class: "new-file" },
    newName,
    h("button", { type: "submit", class: "control" }, "Create"),
    newError,
  );
  newForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const error = app.editor.create(newName.value);
    setText(newError, error ?? "");
    if (error === null) newDetails.open = false;
  });
  const newDetails = h("details", { class: "new-file-details" }, h("summary", {}, "New file"), newForm);
  // The learner's files are kept in this browser (src/app/savedFiles.ts); this is the way back.
  const restore = h(
    "button",
    {
      type: "button",
      class: "control small restore-files",
      "data-action": "restore-files",
      title: "Forget the files you wrote or changed, and start a machine with the default disk",
    },
    "Default files…",
  );
  restore.addEventListener("click", () => {
    const yours = Object.keys(app.state.scenario.files);
    const list = yours.length > 0 ? `\n\n${yours.join("\n")}` : "";
    if (
      confirm(
        `Go back to the default files? The files you wrote or changed are forgotten, in this browser too, and a fresh machine starts.${list}`,
      )
    )
      app.restoreDefaultFiles();
  });
  actions.append(
    h("label", { for: fileSelectId, class: "file-label" }, "File "),
    fileSelect,
    newDetails,
    restore,
  );

  // ---- Load bar ---------------------------------------------------------------------------------------
  const checked = h("input", { type: "checkbox", "data-testid": "checked" });
  checked.addEventListener("change", () => app.editor.setChecked(checked.checked));
  const save = h(
    "button",
    { type: "button", class: "control", title: "Write the file to the machine's disk (Ctrl+S)" },
    "Save",
  );
  save.addEventListener("click", () => {
    flush();
    app.editor.save();
  });
  const loadKernel = h(
    "button",
    {
      type: "button",
      class: "control load-kernel",
      "data-action": "load-kernel",
      "aria-keyshortcuts": "Alt+K",
      title: "insmod FILE --mode kernel: the driver runs in ring 0, inside the kernel (Alt+K)",
    },
    h("span", { class: "icon", "aria-hidden": "true" }, "◆"),
    " Load in kernel mode",
  );
  loadKernel.addEventListener("click", () => {
    flush();
    app.editor.load("kernel");
  });
  const loadUser = h(
    "button",
    {
      type: "button",
      class: "control load-user",
      "data-action": "load-user",
      "aria-keyshortcuts": "Alt+U",
      title: "insmod FILE --mode user: the driver runs in ring 3, in a process of its own (Alt+U)",
    },
    h("span", { class: "icon", "aria-hidden": "true" }, "○"),
    " Load in user mode",
  );
  loadUser.addEventListener("click", () => {
    flush();
    app.editor.load("user");
  });
  const loadVerified = h(
    "button",
    {
      type: "button",
      class: "control load-verified",
      "data-action": "load-verified",
      title:
        "insmod FILE --mode verified: the verifier must prove the driver's event handler safe before it may run in ring 0",
    },
    h("span", { class: "icon", "aria-hidden": "true" }, "✓"),
    " Load verified",
  );
  loadVerified.addEventListener("click", () => {
    flush();
    app.editor.load("verified");
  });
  const loadBar = h(
    "div",
    { class: "load-bar", role: "group", "aria-label": "Build and load" },
    h("label", { class: "checked-toggle" }, checked, " checked (bounds checks)"),
    save,
    loadKernel,
    loadUser,
    loadVerified,
  );

  // ---- Editor and diagnostics ----------------------------------------------------------------------------
  const buildStatus = h("p", { class: "build-status", "aria-live": "polite", "data-testid": "build-status" });
  const editorHost = h(
    "div",
    { class: "code-host" },
    h("p", { class: "loading-editor" }, "Loading the editor…"),
  );
  const diagnosticsList = h("ul", { class: "diagnostics", "aria-label": "Build messages" });
  body.append(loadBar, buildStatus, editorHost, diagnosticsList);

  let shownPath = "";
  let shownText = app.state.editor.text;
  import("./codemirror")
    .then(({ createCodeEditor }) => {
      const { path, text } = app.state.editor;
      editorHost.replaceChildren();
      code = createCodeEditor(editorHost, {
        text,
        path,
        label: `Source of ${path}`,
        onChange: (next) => {
          window.clearTimeout(timer);
          pending = next;
          timer = window.setTimeout(flush, EDIT_DEBOUNCE_MS);
        },
        onSave: () => {
          flush();
          app.editor.save();
        },
      });
      shownPath = path;
      code.setDiagnostics(app.state.editor.diagnostics);
      code.setFontSize(app.state.presenter ? 20 : 15);
      drawCpuLine();
      element.dataset.editorReady = "true";
    })
    .catch(() => {
      setText(editorHost, "The editor could not be loaded. Reload the page to try again.");
    });

  const drawFiles = () => {
    const { disk, editor } = app.state;
    const groups = new Map<string, string[]>();
    for (const entry of disk) {
      const dir = entry.path.slice(0, entry.path.lastIndexOf("/")) || "/";
      groups.set(dir, [...(groups.get(dir) ?? []), entry.path]);
    }
    if (!disk.some((d) => d.path === editor.path)) groups.set("(not on disk)", [editor.path]);
    replaceChildren(
      fileSelect,
      [...groups].map(([dir, paths]) =>
        h(
          "optgroup",
          { label: dir },
          paths.map((p) => {
            const readable = app.editor.readFile(p) !== undefined || p === editor.path;
            return h(
              "option",
              { value: p, disabled: !readable },
              `${p.split("/").pop()}${readable ? "" : " (binary)"}`,
            );
          }),
        ),
      ),
    );
    fileSelect.value = editor.path;
  };

  const drawEditor = () => {
    const { editor, machine } = app.state;
    checked.checked = editor.checked;
    const code_ = isCode(editor.path);
    const down = machine.state !== "running";
    loadKernel.disabled = !code_ || down;
    loadUser.disabled = !code_ || down;
    save.textContent = editor.dirty ? "Save •" : "Save";
    save.setAttribute("aria-label", editor.dirty ? "Save (unsaved changes)" : "Save");
    setText(buildStatus, buildText(editor.build, editor.diagnostics, editor.path));
    buildStatus.className = `build-status ${editor.build === "errors" ? "tone-bad" : editor.build === "ok" ? "tone-good" : ""}`;
    replaceChildren(
      diagnosticsList,
      editor.diagnostics.map((d) => {
        const button = h(
          "button",
          { type: "button", class: `diagnostic severity-${d.severity}` },
          h("span", { class: "where mono" }, `${d.line}:${d.col}`),
          ` ${d.severity}: ${d.message}${d.suggestion ? ` (${d.suggestion})` : ""}`,
        );
        button.addEventListener("click", () => code?.goToLine(d.line, d.col));
        return h("li", {}, button);
      }),
    );
    if (!code) return;
    // The document follows the store only when the store's text changed from elsewhere (a file opened,
    // a reset): never while the person's own typing is on its way to the store.
    const storeTextChanged = editor.text !== shownText;
    shownText = editor.text;
    if (
      shownPath !== editor.path ||
      (storeTextChanged && pending === undefined && code.text() !== editor.text)
    ) {
      code.setDocument(editor.text, editor.path);
      shownPath = editor.path;
    }
    code.setDiagnostics(editor.diagnostics);
  };

  // While the machine is paused or stopped, mark the C line the CPU is at, if it is in this file.
  const drawCpuLine = () => {
    if (!code) return;
    const { run, machine, editor } = app.state;
    if (run.status === "running" && machine.state === "running") return code.markLine(null);
    const source = cpuPicture(app.session.kernel, 0).source;
    code.markLine(source && source.file === editor.path ? source.line : null);
  };

  const stops = [
    watch(app.store, [(s) => s.disk, (s) => s.editor.path], drawFiles),
    watch(
      app.store,
      [(s) => s.step, (s) => s.run.status, (s) => s.machine, (s) => s.editor.path],
      drawCpuLine,
    ),
    watch(app.store, [(s) => s.editor, (s) => s.machine.state], drawEditor),
    app.store.subscribe(
      (s) => s.presenter,
      (presenter) => code?.setFontSize(presenter ? 20 : 15),
    ),
  ];
  return {
    element,
    dispose: () => {
      for (const stop of stops) stop();
      flushers.delete(flush);
      code?.destroy();
    },
  };
}

function buildText(build: string, diagnostics: readonly Diagnostic[], path: string): string {
  if (build === "not code")
    return `${path.split("/").pop()} is not a program: it is saved as it is, not built.`;
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  if (build === "ok")
    return warnings > 0
      ? `✓ Builds, with ${warnings} warning${warnings === 1 ? "" : "s"}.`
      : "✓ Builds cleanly.";
  return `✕ ${errors} error${errors === 1 ? "" : "s"}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}: see the marks in the margin.`;
}

/**
 * The code editor: CodeMirror 6 with driver C and Ringlab assembly highlighting, the build's
 * diagnostics inline at their lines, and the line the CPU stopped at marked. Loaded lazily (it is the
 * heaviest part of the page), so the console is up before the editor is.
 */
import { cpp } from "@codemirror/lang-cpp";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic as CmDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState, type Extension, StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, keymap } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import type { Diagnostic } from "../../shared/diagnostic";
import { ringlabAssembly } from "./asmLanguage";

export interface CodeEditor {
  /** Replaces the document (opening another file). */
  setDocument(text: string, path: string): void;
  text(): string;
  setDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Marks the line the CPU is at (1-based), or none. */
  markLine(line: number | null): void;
  /** Moves the cursor to a line and focuses the editor. */
  goToLine(line: number, col?: number): void;
  setFontSize(px: number): void;
  focus(): void;
  destroy(): void;
}

export interface CodeEditorOptions {
  text: string;
  path: string;
  label: string;
  onChange(text: string): void;
  onSave(): void;
}

const highlight = HighlightStyle.define([
  { tag: tags.comment, color: "#8b9bb4", fontStyle: "italic" },
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier, tags.controlKeyword], color: "#ff9e64" },
  { tag: [tags.typeName, tags.standard(tags.typeName)], color: "#7dcfff" },
  { tag: [tags.string, tags.character], color: "#9ece6a" },
  { tag: tags.number, color: "#e0af68" },
  { tag: [tags.function(tags.variableName), tags.labelName], color: "#7aa2f7" },
  { tag: tags.special(tags.variableName), color: "#bb9af7" },
  { tag: [tags.processingInstruction, tags.macroName], color: "#f7768e" },
  { tag: tags.atom, color: "#2ac3de" },
  { tag: tags.operator, color: "#c0caf5" },
]);

const fontSize = new Compartment();
const language = new Compartment();

function theme(px: number): Extension {
  return EditorView.theme(
    {
      "&": { fontSize: `${px}px`, height: "100%", backgroundColor: "#0b1220", color: "#e6edf7" },
      ".cm-content": {
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        caretColor: "#ffd400",
      },
      ".cm-gutters": { backgroundColor: "#0e1729", color: "#7d8ba3", border: "none" },
      ".cm-activeLine": { backgroundColor: "#15213a" },
      ".cm-activeLineGutter": { backgroundColor: "#15213a" },
      "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
        backgroundColor: "#2e4a7d",
      },
      ".cm-cursor": { borderLeftColor: "#ffd400", borderLeftWidth: "2px" },
      ".cm-cpu-line": { backgroundColor: "#4a3b00", outline: "1px solid #ffd400" },
      ".cm-scroller": { overflow: "auto" },
    },
    { dark: true },
  );
}

function languageFor(path: string): Extension {
  if (path.endsWith(".c")) return cpp();
  if (path.endsWith(".s")) return ringlabAssembly;
  return [];
}

const markEffect = StateEffect.define<number | null>();
const cpuLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(markEffect)) continue;
      const line = effect.value;
      if (line === null || line < 1 || line > tr.state.doc.lines) next = Decoration.none;
      else
        next = Decoration.set([
          Decoration.line({ class: "cm-cpu-line" }).range(tr.state.doc.line(line).from),
        ]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createCodeEditor(host: HTMLElement, options: CodeEditorOptions): CodeEditor {
  let settingDocument = false;
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        keymap.of([
          {
            key: "Mod-s",
            preventDefault: true,
            run: () => {
              options.onSave();
              return true;
            },
          },
        ]),
        language.of(languageFor(options.path)),
        fontSize.of(theme(15)),
        syntaxHighlighting(highlight),
        lintGutter(),
        cpuLine,
        // Long lines wrap: the panel is narrow, and a view scrolled sideways cut off the starts of lines.
        EditorView.lineWrapping,
        // In the tab order explicitly, so its scrolling region counts as reachable by keyboard (axe).
        EditorView.contentAttributes.of({ "aria-label": options.label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !settingDocument) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  const toCm = (d: Diagnostic): CmDiagnostic => {
    const doc = view.state.doc;
    const line = doc.line(Math.min(Math.max(1, d.line), doc.lines));
    const from = Math.min(line.from + Math.max(0, d.col - 1), line.to);
    const to = Math.min(Math.max(from + Math.max(1, d.length ?? 1), from), line.to);
    return {
      from,
      to: to > from ? to : Math.min(from + 1, doc.length),
      severity: d.severity === "note" ? "info" : d.severity,
      message: d.suggestion ? `${d.message} (${d.suggestion})` : d.message,
    };
  };

  return {
    setDocument(text, path) {
      settingDocument = true;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        effects: [language.reconfigure(languageFor(path)), markEffect.of(null)],
        selection: { anchor: 0 },
      });
      settingDocument = false;
    },
    text: () => view.state.doc.toString(),
    setDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics.map(toCm)));
    },
    markLine(line) {
      view.dispatch({ effects: markEffect.of(line) });
    },
    goToLine(line, col = 1) {
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(1, line), doc.lines));
      const anchor = Math.min(target.from + col - 1, target.to);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    setFontSize(px) {
      view.dispatch({ effects: fontSize.reconfigure(theme(px)) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

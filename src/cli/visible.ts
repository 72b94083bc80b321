/**
 * The guest's output made safe for the host's terminal. The guest's console is a byte stream the guest
 * controls; copied as it is to a terminal it would act on the host (ESC ] 0 retitles the window, OSC 8
 * plants links, OSC 52 writes the clipboard, ESC [ 2 K erases what was printed). So every control
 * character is shown as `cat -v` shows it: `^[` for ESC, `^G` for BEL, `^?` for DEL, and `M-` before
 * the same for the C1 controls 0x80..0x9f (`M-^[` is 0x9b, a one-byte CSI to some terminals). Newline
 * and tab pass; `keep` lists any other control characters to pass (the interactive shell keeps
 * carriage return and backspace, which its line editing uses). The browser's xterm is the guest's own
 * terminal and is not filtered.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function caret(code: number): string {
  if (code >= 0x80) return `M-${caret(code - 0x80)}`;
  return code === 0x7f ? "^?" : `^${String.fromCharCode(code + 0x40)}`;
}

export function visibleControls(text: string, keep = ""): string {
  return text.replace(CONTROL, (c) =>
    c === "\n" || c === "\t" || keep.includes(c) ? c : caret(c.charCodeAt(0)),
  );
}

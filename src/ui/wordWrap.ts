/**
 * Word wrapping for the console. xterm.js wraps at the last column, in the middle of a word
 * ("readin" / "g"); this breaks the line before a word that would not fit instead, as a person
 * would. It follows the cursor's column through what the machine writes: printable text moves it,
 * carriage return and line feed start a line, backspace steps back, escape sequences pass unchanged
 * (a cursor-home one starts a line). A word longer than a whole line is left to xterm to break.
 * No DOM: the terminal feeds it and writes what it returns.
 */

const TOKEN = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[\s\S]?|\r|\n|\x08|[ \t]+|[^\s\x1b\x08]+|[\s\S]/g;

export class WordWrapper {
  /** The cursor's column as far as the text fed so far says (0 = first column). */
  column = 0;

  constructor(public columns: number) {}

  feed(text: string): string {
    let out = "";
    for (const token of text.match(TOKEN) ?? []) {
      const first = token.charCodeAt(0);
      if (first === 0x1b) {
        // Cursor home (ESC[H, ESC[row;colH) puts the cursor back at a line start; others are left alone.
        if (/^\x1b\[[0-9;]*[Hf]$/.test(token)) this.column = 0;
        out += token;
      } else if (token === "\r" || token === "\n") {
        this.column = 0;
        out += token;
      } else if (token === "\b") {
        this.column = Math.max(0, this.column - 1);
        out += token;
      } else if (token.trim() === "") {
        // Blanks that reach the last column end the line; the next word starts the next one.
        if (this.column > 0 && this.column + token.length >= this.columns) {
          out += "\r\n";
          this.column = 0;
        } else {
          out += token;
          this.column += token.length;
        }
      } else {
        const length = [...token].length;
        if (this.column > 0 && this.column + length > this.columns && length <= this.columns) {
          out += "\r\n";
          this.column = 0;
        }
        out += token;
        this.column += length;
        // A word longer than the line: xterm breaks it, and the cursor ends on the last piece.
        while (this.column > this.columns) this.column -= this.columns;
      }
    }
    return out;
  }
}

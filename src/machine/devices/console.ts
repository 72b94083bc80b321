/**
 * The console: bytes out to the screen, bytes in from the keyboard.
 *
 * What was written is kept as state, not handed out once: `written` counts every character since
 * power-on, `screen` keeps the last SCREEN_LIMIT of them, and a reader (a terminal on the page, the CLI)
 * asks for what came after the count it last saw. So a restored machine can redraw its screen, and two
 * readers never steal output from each other. `transcript` keeps the first TRANSCRIPT_LIMIT characters,
 * for transcripts and lesson checks that quote output by position.
 *
 * The guest can write as fast as it likes, so all of it is bounded (a printf loop once grew the
 * console's output to 116 MB and took the host down): the screen keeps its newest SCREEN_LIMIT
 * characters (trimmed in batches, so at most twice that), the transcript its first TRANSCRIPT_LIMIT;
 * `transcriptDropped` counts what the transcript did not keep.
 */
export class ConsoleDevice {
  input: number[] = [];
  /** Everything written since power-on, up to TRANSCRIPT_LIMIT (so a runaway writer cannot exhaust the host). */
  transcript = "";
  /** The most recent output, up to SCREEN_LIMIT characters: what a screen can still redraw. */
  screen = "";
  /** Characters written since power-on, kept or not. */
  written = 0;
  static readonly TRANSCRIPT_LIMIT = 1 << 20;
  static readonly SCREEN_LIMIT = 1 << 16;

  write(byte: number): void {
    this.writeText(String.fromCharCode(byte & 0xff));
  }

  writeText(text: string): void {
    if (text.length === 0) return;
    this.written += text.length;
    if (this.transcript.length < ConsoleDevice.TRANSCRIPT_LIMIT)
      this.transcript += text.slice(0, ConsoleDevice.TRANSCRIPT_LIMIT - this.transcript.length);
    this.screen += text;
    // Trim in batches, so a long stream of small writes costs amortised constant time.
    if (this.screen.length > ConsoleDevice.SCREEN_LIMIT * 2)
      this.screen = this.screen.slice(this.screen.length - ConsoleDevice.SCREEN_LIMIT);
  }

  /** Characters written after the transcript was full. */
  get transcriptDropped(): number {
    return this.written - this.transcript.length;
  }

  /**
   * The output after the first `seen` characters, and the count to ask from next time. `lost` is true
   * when part of it is no longer kept (the reader fell behind by more than the screen holds) or when the
   * machine went back in time (a restore): the reader should then clear its screen before drawing.
   */
  outputSince(seen: number): { text: string; next: number; lost: boolean } {
    const kept = this.written - this.screen.length;
    if (seen > this.written) return { text: this.screen, next: this.written, lost: true };
    if (seen < kept) return { text: this.screen, next: this.written, lost: true };
    return { text: this.screen.slice(seen - kept), next: this.written, lost: false };
  }

  type(text: string): void {
    for (let i = 0; i < text.length; i++) this.input.push(text.charCodeAt(i) & 0xff);
  }

  /** The next input byte, or -1 when none is waiting. */
  read(): number {
    return this.input.length > 0 ? (this.input.shift() as number) : -1;
  }
}

/** What a terminal is sent before a screen it must redraw from scratch: clear, clear scrollback, home. */
export const REDRAW_SCREEN = "\x1b[2J\x1b[3J\x1b[H";

/**
 * One reader of the console's output (a terminal on the page, the CLI, a test): it keeps its own place,
 * so readers never take output from each other. When the console went back in time (a restored
 * snapshot) or the reader fell too far behind, the text starts with REDRAW_SCREEN and the screen's
 * whole kept contents.
 */
export class ConsoleReader {
  private seen: number;

  constructor(
    private readonly console: ConsoleDevice,
    /** Start after what was written so far (true), or at the start of the kept screen (false). */
    fromNow = false,
  ) {
    this.seen = fromNow ? console.written : 0;
  }

  read(): string {
    const output = this.console.outputSince(this.seen);
    this.seen = output.next;
    return output.lost ? REDRAW_SCREEN + output.text : output.text;
  }
}

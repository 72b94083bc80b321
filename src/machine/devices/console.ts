/** The console: bytes out to the screen, bytes in from the keyboard. */
export class ConsoleDevice {
  private output: number[] = [];
  input: number[] = [];
  /** Everything written since power-on, for transcripts (bounded so a runaway writer cannot exhaust the host). */
  transcript = "";
  static readonly TRANSCRIPT_LIMIT = 1 << 20;

  write(byte: number): void {
    this.output.push(byte & 0xff);
    if (this.transcript.length < ConsoleDevice.TRANSCRIPT_LIMIT)
      this.transcript += String.fromCharCode(byte & 0xff);
  }

  writeText(text: string): void {
    for (let i = 0; i < text.length; i++) this.write(text.charCodeAt(i));
  }

  /** Output written since the last call, as text; the host drains it to draw the screen. */
  takeOutput(): string {
    const bytes = this.output;
    this.output = [];
    let text = "";
    // In chunks: spreading a huge array into one call would overflow the host's stack.
    for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.slice(i, i + 4096));
    return text;
  }

  type(text: string): void {
    for (let i = 0; i < text.length; i++) this.input.push(text.charCodeAt(i) & 0xff);
  }

  /** The next input byte, or -1 when none is waiting. */
  read(): number {
    return this.input.length > 0 ? (this.input.shift() as number) : -1;
  }
}

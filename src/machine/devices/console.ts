/**
 * The console: bytes out to the screen, bytes in from the keyboard.
 *
 * The guest can write as fast as it likes, so everything the host keeps of its output is bounded (a
 * printf loop once grew the pending output to 116 MB and took the host down):
 *   - the pending output, which the host drains with takeOutput to draw the screen, keeps at most
 *     OUTPUT_LIMIT bytes; bytes written while it is full are dropped, as a full UART FIFO drops them,
 *     and counted in outputDropped;
 *   - the transcript (everything since power-on, for transcripts and lesson checks) keeps the first
 *     TRANSCRIPT_LIMIT bytes; what came after is counted in transcriptDropped.
 */
export class ConsoleDevice {
  static readonly OUTPUT_LIMIT = 1 << 20;
  static readonly TRANSCRIPT_LIMIT = 1 << 20;

  private output = new Uint8Array(4096);
  private outputLength = 0;
  /** Bytes written while the pending output was full, since power-on. */
  outputDropped = 0;
  input: number[] = [];
  /** Everything written since power-on, up to TRANSCRIPT_LIMIT bytes. */
  transcript = "";
  /** Bytes written after the transcript was full. */
  transcriptDropped = 0;

  write(byte: number): void {
    const b = byte & 0xff;
    if (this.outputLength < ConsoleDevice.OUTPUT_LIMIT) {
      if (this.outputLength === this.output.length) {
        const grown = new Uint8Array(Math.min(ConsoleDevice.OUTPUT_LIMIT, this.output.length * 2));
        grown.set(this.output);
        this.output = grown;
      }
      this.output[this.outputLength++] = b;
    } else this.outputDropped++;
    if (this.transcript.length < ConsoleDevice.TRANSCRIPT_LIMIT) this.transcript += String.fromCharCode(b);
    else this.transcriptDropped++;
  }

  writeText(text: string): void {
    for (let i = 0; i < text.length; i++) this.write(text.charCodeAt(i));
  }

  /** Bytes waiting for the host to take them (at most OUTPUT_LIMIT). */
  get pendingOutput(): number {
    return this.outputLength;
  }

  /** Output written since the last call, as text; the host drains it to draw the screen. */
  takeOutput(): string {
    const bytes = this.output.subarray(0, this.outputLength);
    let text = "";
    // In chunks: spreading a huge array into one call would overflow the host's stack.
    for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
    this.output = new Uint8Array(4096);
    this.outputLength = 0;
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

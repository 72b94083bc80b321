/** The interrupt controller: level-triggered request lines, a mask, and acknowledgement by the kernel. */
export class InterruptController {
  pending = 0;
  /** All lines enabled at reset; the kernel may mask some. */
  mask = 0xffffffff | 0;

  raise(line: number): void {
    this.pending |= 1 << line;
  }

  clear(line: number): void {
    this.pending &= ~(1 << line);
  }

  acknowledge(bits: number): void {
    this.pending &= ~bits;
  }

  /** The lines that would interrupt the CPU now (if its interrupts are enabled). */
  active(): number {
    return this.pending & this.mask;
  }
}

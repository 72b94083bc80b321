/**
 * The machine's only source of randomness: xorshift32 from the machine's seed, so runs repeat exactly.
 * (Math.random is never used inside the machine.)
 */
export class SeededRandom {
  state: number;

  constructor(seed: number) {
    // A zero state would stay zero forever.
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** The next value, 0 .. 2^32 - 1. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
}

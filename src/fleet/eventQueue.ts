/**
 * The simulation's clock: a binary min-heap of (time, sequence) keyed events. Equal times come out in
 * the order they went in, so a run never depends on how the heap happens to break ties.
 */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, item: T): void {
    let i = this.items.length;
    this.times.push(time);
    this.seqs.push(this.nextSeq++);
    this.items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The earliest event's time (Infinity when empty). */
  peekTime(): number {
    return this.items.length > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  pop(): { time: number; item: T } | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = { time: this.times[0], item: this.items[0] };
    this.swap(0, n - 1);
    this.times.pop();
    this.seqs.pop();
    this.items.pop();
    let i = 0;
    const size = n - 1;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < size && this.before(left, best)) best = left;
      if (right < size && this.before(right, best)) best = right;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    return this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.seqs[a] < this.seqs[b]);
  }

  private swap(a: number, b: number): void {
    const time = this.times[a];
    this.times[a] = this.times[b];
    this.times[b] = time;
    const seq = this.seqs[a];
    this.seqs[a] = this.seqs[b];
    this.seqs[b] = seq;
    const item = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = item;
  }
}

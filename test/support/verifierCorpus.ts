/** The verifier's YAML corpus (test/verifier/corpus): PREVAIL-style cases with their expectations. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { build } from "../../src/toolchain/build";
import type { Image } from "../../src/toolchain/image";
import type { TestEvent } from "./handlerMachine";

export interface CorpusCase {
  /** corpus file and case name, for test titles. */
  id: string;
  name: string;
  file: string;
  source: string;
  verdict: "accepted" | "rejected";
  /** The handler really is safe (the precision figure counts these). */
  safe?: boolean;
  message?: string;
  line?: number;
  suggestion?: string;
}

const DIR = join(import.meta.dirname, "../verifier/corpus");

export function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const name of readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const entries = parse(readFileSync(join(DIR, name), "utf8")) as Omit<CorpusCase, "id" | "file">[] &
      { file?: string }[];
    for (const e of entries as (Omit<CorpusCase, "id" | "file"> & { file?: string })[])
      cases.push({ ...e, file: e.file ?? "handler.c", id: `${name}: ${e.name}` });
  }
  return cases;
}

export function buildCase(c: { file: string; source: string }): Image | undefined {
  return build(c.file, c.source).image;
}

/** A small deterministic generator (xorshift32). */
export function rng(seed: number): () => number {
  let s = seed | 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** Events with edge-case fields: negative and huge kinds and pids, names of every length. */
export function eventFeed(seed: number, count: number): TestEvent[] {
  const next = rng(seed);
  const pick = <T>(xs: T[]): T => xs[next() % xs.length];
  const text = (size: number): Uint8Array => {
    const bytes = new Uint8Array(size);
    const length = next() % size; // always NUL-terminated, as the event source guarantees
    for (let i = 0; i < length; i++) bytes[i] = 1 + (next() % 255);
    return bytes;
  };
  const numbers = [0, 1, 2, 3, 7, 8, 15, 16, 19, 20, 21, 31, 32, -1, -2, 100, 0x7fffffff, -0x80000000];
  const events: TestEvent[] = [];
  for (let i = 0; i < count; i++) {
    events.push({
      kind: next() % 3 === 0 ? next() | 0 : pick(numbers),
      pid: next() % 3 === 0 ? next() | 0 : pick(numbers),
      name: text(32),
      arg: text(64),
    });
  }
  return events;
}

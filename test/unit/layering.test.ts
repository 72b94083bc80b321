// The layering of DESIGN.md: imports point only downward.
//   shared <- machine <- toolchain <- verifier <- kernel <- fleet <- lessons <- app <- ui, cli <- main.ts
// (the verifier may read the toolchain's image format; ui and cli never import each other, and nothing
// below them imports either).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");
const RANK: Record<string, number> = {
  shared: 0,
  machine: 1,
  toolchain: 2,
  verifier: 3,
  kernel: 4,
  // The fleet runs real machines (kernel) and the lessons' fleet checks, the app and the CLI show it.
  fleet: 5,
  lessons: 6,
  app: 7,
  ui: 8,
  cli: 8,
  "main.ts": 9,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0];
}

/** Every relative import of a file, resolved to the layer it lands in. */
function importedLayers(path: string): { specifier: string; layer: string }[] {
  const text = readFileSync(path, "utf8");
  const found: { specifier: string; layer: string }[] = [];
  const pattern = /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const specifier = match[1] ?? match[2];
    if (!specifier.startsWith(".")) continue;
    found.push({ specifier, layer: layerOf(resolve(path, "..", specifier)) });
  }
  return found;
}

/** Whether an import from one layer into another breaks the rule. */
function breaksLayering(from: string, to: string): boolean {
  return RANK[to] > RANK[from] || (from !== to && RANK[to] === RANK[from]);
}

describe("layering", () => {
  const files = sourceFiles(SRC);

  it("knows the layer of every source folder", () => {
    for (const file of files) expect(RANK, relative(SRC, file)).toHaveProperty(layerOf(file));
  });

  it("imports only point down (or within a layer)", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const { specifier, layer } of importedLayers(file)) {
        if (breaksLayering(from, layer))
          violations.push(`${relative(SRC, file)} imports ${specifier} (${layer})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("the rule flags upward and sideways imports and allows downward ones", () => {
    expect(breaksLayering("machine", "kernel")).toBe(true);
    expect(breaksLayering("ui", "cli")).toBe(true);
    expect(breaksLayering("app", "ui")).toBe(true);
    expect(breaksLayering("kernel", "machine")).toBe(false);
    expect(breaksLayering("kernel", "fleet")).toBe(true);
    expect(breaksLayering("fleet", "app")).toBe(true);
    expect(breaksLayering("fleet", "kernel")).toBe(false);
    expect(breaksLayering("app", "fleet")).toBe(false);
    expect(breaksLayering("kernel", "kernel")).toBe(false);
    expect(importedLayers(join(SRC, "kernel", "kernel.ts")).some((i) => i.layer === "machine")).toBe(true);
  });
});

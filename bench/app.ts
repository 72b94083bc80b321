/**
 * App figures: the host time of the side-by-side demo's three machines (sideBySide.ts), the size of what
 * the page loads (initial JavaScript, the lazily loaded editor and lessons, the CSS; raw and gzipped) and the
 * time from navigation to an interactive console in headless Chromium.
 *
 * Baselines, each from the same run: the gzipped initial JavaScript against its 350 kB budget; a raw
 * size against the same file gzipped (the ratio is the compression factor); the time to the console
 * against the same load's DOMContentLoaded (the ratio is what the app adds after the HTML is parsed).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, findChromium } from "../test/e2e/support/chromium";
import { serveStatic } from "../test/e2e/support/server";
import { type Figure, figure } from "./figure";
import { sideBySideBenchmarks } from "./sideBySide";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = resolve(ROOT, "node_modules/.cache/ringlab-bench/dist");
const BUDGET_KB = 350;
const WARM_LOADS = 5;

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}

function sizes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(OUT, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { raw: raw / 1024, gzip: gzip / 1024 };
}

/** The entry's JavaScript and everything it imports statically; what it loads later; its CSS. */
function bundleParts(manifest: Record<string, ManifestChunk>): {
  initial: string[];
  lazy: string[];
  css: string[];
} {
  const initial = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const lazy = Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith(".js") && !initial.has(f));
  return { initial: [...initial], lazy: [...new Set(lazy)], css: [...css] };
}

async function consoleTimes(url: string): Promise<{ cold: number[]; warm: number[] }> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "ringlab-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1600, height: 960 },
    args: CHROMIUM_ARGS,
  });
  const measure = async (): Promise<number[]> => {
    const page = await context.newPage();
    await page.goto(`${url}#/workbench`);
    await page.waitForSelector(".workbench[data-console-ready]", { timeout: 60_000 });
    const times = (await page.evaluate(`[
      performance.getEntriesByName("ringlab:console-ready")[0].startTime,
      performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
    ]`)) as number[];
    await page.close();
    return times;
  };
  try {
    const cold = await measure();
    const warm: number[][] = [];
    for (let i = 0; i < WARM_LOADS; i++) warm.push(await measure());
    warm.sort((a, b) => a[0] - b[0]);
    return { cold, warm: warm[Math.floor(warm.length / 2)] };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function appBenchmarks(): Promise<Figure[]> {
  // First, while vite and playwright are not loaded yet (see below): the demo runs machines.
  const demo = sideBySideBenchmarks();
  // vite and playwright are loaded here, not at the top: loading them detaches an ArrayBuffer, after
  // which V8 checks for detached buffers on every typed-array access for the rest of the process,
  // and the interpreter figures measured in the same process drop by a fifth or more.
  const { build } = await import("vite");
  await build({
    root: ROOT,
    logLevel: "silent",
    build: { outDir: OUT, emptyOutDir: true, sourcemap: false },
  });
  const manifest = JSON.parse(readFileSync(join(OUT, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const parts = bundleParts(manifest);
  const initial = sizes(parts.initial);
  const lazy = sizes(parts.lazy);
  const css = sizes(parts.css);
  const server = await serveStatic(OUT);
  let times: { cold: number[]; warm: number[] };
  try {
    times = await consoleTimes(server.url);
  } finally {
    await server.close();
  }
  return [
    ...demo,
    figure("app: initial JavaScript, gzipped", initial.gzip, "kB", BUDGET_KB, "baseline: the 350 kB budget"),
    figure(
      "app: initial JavaScript, raw",
      initial.raw,
      "kB",
      initial.gzip,
      "baseline: the same files gzipped",
    ),
    figure(
      "app: lazy JavaScript (editor, lessons), gzipped",
      lazy.gzip,
      "kB",
      initial.gzip,
      "baseline: the initial JavaScript, gzipped",
    ),
    figure(
      "app: lazy JavaScript (editor, lessons), raw",
      lazy.raw,
      "kB",
      lazy.gzip,
      "baseline: the same files gzipped",
    ),
    figure("app: CSS, gzipped", css.gzip, "kB", css.raw, "baseline: the same files raw"),
    figure(
      "app: navigation to interactive console, first load",
      times.cold[0],
      "ms",
      times.cold[1],
      "baseline: DOMContentLoaded of the same load (headless Chromium, local server)",
    ),
    figure(
      `app: navigation to interactive console, cached (median of ${WARM_LOADS})`,
      times.warm[0],
      "ms",
      times.warm[1],
      "baseline: DOMContentLoaded of the same load (service worker and cache warm)",
    ),
  ];
}

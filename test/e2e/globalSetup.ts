/**
 * Before the browser tests: build the app as `npm run build` does (into a cache folder, leaving dist/
 * alone), serve it on a free 127.0.0.1 port as any static host would, and find Chromium (installing
 * it on Debian as root; otherwise failing with a one-line instruction, never skipping).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { findChromium } from "./support/chromium";
import { type StaticServer, serveStatic } from "./support/server";

const ROOT = resolve(import.meta.dirname, "../..");
export const E2E_DIST = resolve(ROOT, "node_modules/.cache/ringlab-e2e/dist");

let server: StaticServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const chromePath = findChromium();
  mkdirSync(E2E_DIST, { recursive: true });
  // Vitest runs with NODE_ENV=test; the build must be the production one (service worker included).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: ROOT,
      mode: "production",
      logLevel: "error",
      build: { outDir: E2E_DIST, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await serveStatic(E2E_DIST);
  project.provide("baseUrl", server.url);
  project.provide("chromePath", chromePath);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromePath: string;
  }
}

import type { Plugin } from "vite";

/** The vite plugin that writes dist/sw.js (see serviceWorkerPlugin.mjs). */
export function serviceWorker(): Plugin;

import { defineConfig } from "vite";
import { serviceWorker } from "./scripts/serviceWorkerPlugin.mjs";

export default defineConfig({
  // Relative paths: the build works from any static host, in any folder.
  base: "./",
  // The budget that matters (initial JavaScript at most 350 kB gzipped) is measured by bench/app.ts;
  // the lazily loaded editor is one large chunk on purpose.
  build: { target: "es2022", outDir: "dist", sourcemap: true, manifest: true, chunkSizeWarningLimit: 800 },
  server: { host: "127.0.0.1" },
  plugins: [serviceWorker()],
});

import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

export default defineConfig({
  // Relative paths: the build works from any static host, in any folder.
  base: "./",
  // The budget that matters (initial JavaScript at most 350 kB gzipped) is measured by bench/app.ts;
  // the lazily loaded editor is one large chunk on purpose.
  build: { target: "es2022", outDir: "dist", sourcemap: true, manifest: true, chunkSizeWarningLimit: 800 },
  server: { host: "127.0.0.1" },
  plugins: [
    // Offline after the first visit: Workbox writes dist/sw.js, which precaches every file of the build
    // and serves them by URL, whatever the host's headers (a Vary: Origin from `vite preview` included).
    // src/main.ts registers it (no injected inline script: the content security policy forbids one).
    VitePWA({
      injectRegister: false,
      registerType: "autoUpdate",
      manifest: false,
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2}"],
        globIgnores: [".vite/**"],
        // The lazily loaded editor chunk is larger than Workbox's 2 MiB default limit allows for.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        navigateFallback: "index.html",
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});

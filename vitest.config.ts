import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "**/node_modules/**"],
        },
      },
      {
        // Browser tests in real Chromium: the global setup builds the app, serves it and finds Chromium
        // (it runs only when an e2e test is selected). One file at a time, one browser per file.
        extends: true,
        test: {
          name: "e2e",
          // Every test under test/e2e/ (lesson.test.ts, from the lessons work, builds and serves its own copy).
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});

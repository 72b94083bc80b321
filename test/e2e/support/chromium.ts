/**
 * Finds Chromium for the browser tests: CHROME_PATH, or /usr/bin/chromium. When it is missing and we
 * run as root on Debian, it is installed with apt; anywhere else the tests stop with a one-line
 * instruction. They are never skipped silently.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const DEFAULT_CHROME = "/usr/bin/chromium";

/**
 * Flags for headless Chromium on a closed network: without the background-networking ones it keeps
 * trying connections this machine refuses.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function findChromium(): string {
  const path = process.env.CHROME_PATH ?? DEFAULT_CHROME;
  if (existsSync(path)) return path;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!process.env.CHROME_PATH && root && existsSync("/etc/debian_version")) {
    console.log("Chromium is missing: installing it with apt-get (the browser tests need it)...");
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit" });
    const install =
      update.status === 0
        ? spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit" })
        : update;
    if (install.status === 0 && existsSync(path)) return path;
  }
  throw new Error(
    `Chromium not found at ${path}: install it (Debian: apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome binary.`,
  );
}

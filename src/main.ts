/**
 * The page's entry point: creates the app (the session and its state, no DOM) and mounts the UI on it.
 * In a production build it also registers the service worker that keeps the app working offline.
 */
import { createApp } from "./app/app";
import { CYCLES_PER_SECOND } from "./kernel/layout";
import "./ui/styles/main.css";
import { mountUi } from "./ui/mount";

/** localStorage, when the browser lets us use it (private modes and policies may refuse it). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");

// The firmware waits a second at power-on for S or F8, the way into safe mode out of a boot loop.
const app = createApp({
  now: () => performance.now(),
  bootMenuCycles: CYCLES_PER_SECOND,
  // The learner's files are kept in this browser between visits.
  storage: browserStorage(),
});
// A #/lessons link is read now, before the router rewrites the address; the lesson code (its parser,
// the lesson files) loads after the page is up.
const lessonLink = location.hash;
const ui = mountUi(root, app);

// For the browser tests and for curious people with a devtools console.
const ringlab: Record<string, unknown> = { app, ui };
Object.assign(window, { ringlab });
void import("./ui/lessonPanel").then(({ installLessons }) => {
  ringlab.lessons = installLessons(app, lessonLink);
});

if (import.meta.env.PROD && "serviceWorker" in navigator && location.protocol.startsWith("http")) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("./sw.js").catch(() => undefined);
  });
}

/**
 * The lesson panel's mount point. The lesson code (issue 6) registers a renderer here; the workbench
 * shows the slot, and calls the renderer with it, while `state.lesson.id` is set. The renderer draws
 * into the host element and returns how to take itself down.
 */
import type { App } from "../app/app";

export type LessonPanelRenderer = (host: HTMLElement, app: App) => () => void;

let renderer: LessonPanelRenderer | undefined;
const listeners = new Set<() => void>();

export function registerLessonPanel(render: LessonPanelRenderer): void {
  renderer = render;
  for (const listener of listeners) listener();
}

export function lessonPanelRenderer(): LessonPanelRenderer | undefined {
  return renderer;
}

/** Called when a renderer is registered after the page is up (lazy-loaded lesson code). */
export function onLessonPanelRegistered(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A page whose code loads on first visit (the fleet page brings the fleet model, the lesson parser and
 * a worker): a light placeholder now, the real page in it once its module has arrived.
 */
import { h } from "../dom";
import type { Page } from "./workbench";

export function createLazyPage(label: string, load: () => Promise<Page>): Page {
  const element = h("main", { class: "page lazy-page", id: "main", tabindex: "-1", "aria-label": label });
  let page: Page | undefined;
  let visible = false;
  const loading = load().then((loaded) => {
    page = loaded;
    element.replaceWith(loaded.element);
    loaded.element.hidden = element.hidden;
    if (visible) loaded.shown();
  });
  void loading;
  return {
    get element() {
      return page?.element ?? element;
    },
    frame: (now) => page?.frame(now),
    shown: () => {
      visible = true;
      page?.shown();
    },
    dispose: () => page?.dispose(),
  };
}

import { h, uniqueId } from "./dom";

export interface Panel {
  element: HTMLElement;
  body: HTMLElement;
  actions: HTMLElement;
}

/** A labelled region of the page: a heading, optional actions beside it, and a body. */
export function panel(
  title: string,
  options: { area: string; testid?: string; headingLevel?: 2 | 3 } = { area: "" },
): Panel {
  const id = uniqueId("panel");
  const actions = h("div", { class: "panel-actions" });
  const body = h("div", { class: "panel-body" });
  const heading = h(options.headingLevel === 3 ? "h3" : "h2", { id, class: "panel-title" }, title);
  const element = h(
    "section",
    {
      class: `panel area-${options.area}`,
      "aria-labelledby": id,
      "data-testid": options.testid ?? options.area,
    },
    h("header", { class: "panel-header" }, heading, actions),
    body,
  );
  return { element, body, actions };
}

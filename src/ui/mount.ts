/**
 * Mounts the app into the page: the header (navigation, share, presenter mode, shortcuts), the notice
 * banner, the screen-reader announcer, the pages (built on first visit and kept, so a console keeps
 * its scrollback), hash routing (#/, #/workbench, #/side-by-side, #/fleet, and #share=... links), the keyboard
 * shortcuts, and the frame loop that runs the machine.
 */
import type { App } from "../app/app";
import { isShareFragment } from "../app/share";
import type { Route } from "../app/state";
import { createHelpDialog, createShareDialog } from "./dialogs";
import { h, setText } from "./dom";
import { createLazyPage } from "./pages/lazyPage";
import { createSideBySide } from "./pages/sideBySide";
import { createStartPage } from "./pages/start";
import { createWorkbench, type Page } from "./pages/workbench";
import { installShortcuts } from "./shortcuts";
import { watch } from "./watch";

const ROUTES: { route: Route; label: string; hash: string }[] = [
  { route: "start", label: "Start", hash: "#/" },
  { route: "workbench", label: "Workbench", hash: "#/workbench" },
  { route: "side-by-side", label: "Side by side", hash: "#/side-by-side" },
  { route: "fleet", label: "Fleet", hash: "#/fleet" },
];

function routeOf(hash: string): Route | undefined {
  const clean = hash === "" || hash === "#" ? "#/" : hash;
  return ROUTES.find((r) => r.hash === clean)?.route;
}

export interface MountedUi {
  /** Resolves once the first share link (if any) has been opened. */
  ready: Promise<void>;
  workbench(): ReturnType<typeof createWorkbench>;
}

export function mountUi(root: HTMLElement, app: App): MountedUi {
  root.classList.remove("loading");
  root.replaceChildren();

  // ---- Header ------------------------------------------------------------------------------------------
  const nav = h("nav", { class: "nav", "aria-label": "Pages" });
  const navButtons = ROUTES.map((r, index) => {
    const link = h(
      "a",
      { href: r.hash, class: "nav-link", "aria-keyshortcuts": `Alt+${index + 1}` },
      r.label,
    );
    nav.append(link);
    return { ...r, link };
  });
  // The course opens in the workbench's lesson panel (src/ui/lessonPanel.ts follows #/lessons links).
  nav.insertBefore(
    h("a", { href: "#/lessons", class: "nav-link", "data-action": "lessons" }, "Lessons"),
    navButtons[1].link,
  );
  const share = h(
    "button",
    { type: "button", class: "control", "data-action": "share", "aria-keyshortcuts": "Alt+H" },
    "Share link",
  );
  const presenter = h(
    "button",
    { type: "button", class: "control", "data-action": "presenter", "aria-keyshortcuts": "Alt+M" },
    "Presenter mode",
  );
  const help = h(
    "button",
    {
      type: "button",
      class: "control",
      "data-action": "help",
      "aria-keyshortcuts": "Alt+/",
      title: "Keyboard shortcuts (Alt+/)",
    },
    "Shortcuts",
  );
  const header = h(
    "header",
    { class: "top" },
    h("a", { class: "skip-link", href: "#main" }, "Skip to the main content"),
    h(
      "a",
      { class: "brand", href: "#/" },
      h("span", { class: "brand-mark", "aria-hidden": "true" }),
      "Ringlab",
    ),
    nav,
    h("div", { class: "top-actions" }, share, presenter, help),
  );
  const skip = header.querySelector(".skip-link") as HTMLAnchorElement;
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    pages.get(app.state.route)?.element.focus();
  });

  // ---- Notice and announcer ----------------------------------------------------------------------------
  const noticeText = h("p", { class: "notice-text" });
  const dismiss = h("button", { type: "button", class: "control small" }, "Dismiss");
  dismiss.addEventListener("click", () => app.dismissNotice());
  const notice = h("div", { class: "notice", hidden: true, "data-testid": "notice" }, noticeText, dismiss);
  const politeRegion = h("div", {
    class: "visually-hidden",
    "aria-live": "polite",
    "data-testid": "announcer",
  });
  const urgentRegion = h("div", {
    class: "visually-hidden",
    "aria-live": "assertive",
    "data-testid": "announcer-urgent",
  });

  // The one main landmark; each page is a labelled region inside it, shown one at a time.
  const pageHost = h("main", { class: "pages", id: "main", tabindex: "-1" });
  const shareDialog = createShareDialog(app);
  const helpDialog = createHelpDialog();
  root.append(header, notice, pageHost, politeRegion, urgentRegion, shareDialog.element, helpDialog.element);
  share.addEventListener("click", () => void shareDialog.open());
  help.addEventListener("click", () => helpDialog.open());
  presenter.addEventListener("click", () => app.togglePresenter());

  // ---- Pages -----------------------------------------------------------------------------------------------
  const pages = new Map<Route, Page>();
  const builders: Record<Route, () => Page> = {
    start: () => createStartPage(app),
    workbench: () => createWorkbench(app),
    "side-by-side": () => createSideBySide(app),
    fleet: () => createLazyPage("Fleet", () => import("./pages/fleet").then((m) => m.createFleetPage(app))),
  };
  const pageFor = (route: Route): Page => {
    let page = pages.get(route);
    if (!page) {
      page = builders[route]();
      pages.set(route, page);
      pageHost.append(page.element);
    }
    return page;
  };

  // The page named in the address comes first (a share link is opened below, once decoded).
  const initial = routeOf(location.hash);
  if (initial) app.navigate(initial);

  let shownRoute: Route | undefined;
  const showRoute = () => {
    const { route } = app.state;
    const page = pageFor(route);
    for (const [r, p] of pages) p.element.hidden = r !== route;
    for (const b of navButtons) {
      if (b.route === route) b.link.setAttribute("aria-current", "page");
      else b.link.removeAttribute("aria-current");
    }
    const target = ROUTES.find((r) => r.route === route)?.hash ?? "#/";
    if (location.hash !== target && !isShareFragment(location.hash)) history.pushState(null, "", target);
    document.title = `${ROUTES.find((r) => r.route === route)?.label ?? ""} · Ringlab`;
    if (shownRoute !== undefined && shownRoute !== route) {
      // A page opens at its top, wherever the last one was scrolled to.
      window.scrollTo(0, 0);
      page.element.focus({ preventScroll: true });
    }
    shownRoute = route;
    page.shown();
  };

  const stops = [
    watch(app.store, [(s) => s.route], showRoute),
    watch(app.store, [(s) => s.presenter], () => {
      document.body.classList.toggle("presenter", app.state.presenter);
      document.documentElement.classList.toggle("presenter", app.state.presenter);
      presenter.setAttribute("aria-pressed", String(app.state.presenter));
      for (const page of pages.values()) page.shown();
    }),
    watch(app.store, [(s) => s.notice], () => {
      const n = app.state.notice;
      notice.hidden = n === null;
      notice.className = `notice ${n?.kind === "error" ? "notice-error" : "notice-info"}`;
      notice.setAttribute("role", n?.kind === "error" ? "alert" : "status");
      setText(noticeText, n?.text ?? "");
    }),
  ];
  let lastAnnounced = 0;
  stops.push(
    watch(app.store, [(s) => s.announcements], () => {
      for (const a of app.state.announcements) {
        if (a.id <= lastAnnounced) continue;
        lastAnnounced = a.id;
        const region = a.urgent ? urgentRegion : politeRegion;
        // A changed text is what a screen reader announces; a trailing space makes repeats count.
        region.textContent = region.textContent === a.text ? `${a.text} ` : a.text;
      }
    }),
  );

  // ---- Routing ---------------------------------------------------------------------------------------------
  const openHash = async () => {
    if (isShareFragment(location.hash)) {
      const fragment = location.hash;
      await app.openShare(fragment);
      const target = ROUTES.find((r) => r.route === app.state.route)?.hash ?? "#/workbench";
      history.replaceState(null, "", target);
      return;
    }
    const route = routeOf(location.hash);
    if (route) app.navigate(route);
  };
  window.addEventListener("hashchange", () => void openHash());
  const ready = openHash();

  installShortcuts({
    app,
    openShare: () => void shareDialog.open(),
    openHelp: () => helpDialog.open(),
    focusConsole: () => {
      if (app.state.route !== "workbench") app.navigate("workbench");
      const workbench = pageFor("workbench") as ReturnType<typeof createWorkbench>;
      workbench.terminal.focus();
    },
  });

  // Saved files are kept in the browser; an edit not saved yet would be lost with the page: ask first.
  window.addEventListener("beforeunload", (event) => {
    if (app.state.editor.dirty) event.preventDefault();
  });

  // ---- The frame loop ------------------------------------------------------------------------------------
  const loop = (now: number) => {
    try {
      app.frame(now);
      pages.get(app.state.route)?.frame(now);
    } finally {
      requestAnimationFrame(loop);
    }
  };
  requestAnimationFrame(loop);

  return {
    ready,
    workbench: () => pageFor("workbench") as ReturnType<typeof createWorkbench>,
  };
}

/**
 * Badges for rings, modes, states and event tones. Each carries a word and a symbol as well as a
 * colour, so nothing is said by colour alone.
 */
import type { Tone } from "../app/timeline";
import { h } from "./dom";

export function ringBadge(ring: "kernel" | "user"): HTMLElement {
  return ring === "kernel"
    ? h(
        "span",
        { class: "badge ring-kernel", title: "Runs in ring 0, kernel mode: a fault stops the machine" },
        "◆ ring 0",
        h("span", { class: "badge-detail" }, " · kernel"),
      )
    : h(
        "span",
        { class: "badge ring-user", title: "Runs in ring 3, user mode: a fault ends this process only" },
        "○ ring 3",
        h("span", { class: "badge-detail" }, " · user"),
      );
}

export function modeBadge(mode: string): HTMLElement {
  if (mode === "kernel") return ringBadge("kernel");
  if (mode === "user") return ringBadge("user");
  if (mode === "verified")
    // Ring 0 like kernel mode; the tick says the verifier proved it first.
    return h(
      "span",
      {
        class: "badge ring-verified",
        title: "Runs in ring 0 after the verifier proved it safe: it is loaded only if it cannot fault",
      },
      "✓ ring 0",
      h("span", { class: "badge-detail" }, " · verified"),
    );
  return h("span", { class: "badge ring-verified" }, `✓ ${mode}`);
}

const STATE_SYMBOLS: Record<string, string> = {
  running: "▶",
  ready: "•",
  blocked: "◌",
  dead: "✕",
  stopped: "■",
  crashed: "✕",
  restarting: "↻",
  failed: "✕",
  exited: "■",
  unloaded: "○",
};

const STATE_TONES: Record<string, Tone> = {
  running: "good",
  ready: "info",
  blocked: "info",
  dead: "bad",
  stopped: "bad",
  crashed: "bad",
  restarting: "warn",
  failed: "bad",
  exited: "info",
  unloaded: "info",
};

export function stateBadge(state: string): HTMLElement {
  const tone = STATE_TONES[state] ?? "info";
  return h("span", { class: `state tone-${tone}` }, `${STATE_SYMBOLS[state] ?? "•"} ${state}`);
}

export const TONE_SYMBOLS: Record<Tone, string> = { good: "✓", info: "•", warn: "!", bad: "✕" };
export const TONE_WORDS: Record<Tone, string> = { good: "ok", info: "info", warn: "warning", bad: "failure" };

export function toneIcon(tone: Tone): HTMLElement {
  return h(
    "span",
    { class: `tone-icon tone-${tone}`, "aria-label": TONE_WORDS[tone], role: "img" },
    TONE_SYMBOLS[tone],
  );
}

/**
 * Feedback on a wrong action in a lesson: when the learner loads a driver that the current goal does
 * not ask for, or in the other ring, the lesson says what it expected instead of staying silent. Read
 * from the goal's check (its `loaded` checks, inside all / any / sequence too). No DOM.
 */
import type { CheckSpec } from "../lessons/checkSchema";

export interface ExpectedLoad {
  driver: string;
  mode?: string;
}

/** The driver loads a check asks for (none for checks about something else). */
export function expectedLoads(check: CheckSpec): ExpectedLoad[] {
  const own: ExpectedLoad[] = check.loaded ? [{ driver: check.loaded, mode: check.mode }] : [];
  const inner = [...(check.all ?? []), ...(check.any ?? []), ...(check.sequence ?? [])];
  return [...own, ...inner.flatMap(expectedLoads)];
}

/** What to tell the learner who loaded `driver` in `mode` while `check` is the goal; null if it fits. */
export function loadFeedback(check: CheckSpec, driver: string, mode: string): string | null {
  const expected = expectedLoads(check);
  if (expected.length === 0) return null;
  if (expected.some((e) => e.driver === driver && (e.mode === undefined || e.mode === mode))) return null;
  const sameDriver = expected.filter((e) => e.driver === driver);
  if (sameDriver.length > 0)
    return `You loaded ${driver} in ${mode} mode; this goal wants it in ${sameDriver.map((e) => `${e.mode} mode`).join(" or ")}.`;
  const wanted = expected.map((e) => `${e.driver}${e.mode ? ` in ${e.mode} mode` : ""}`).join(" or ");
  return `You loaded ${driver} in ${mode} mode; this goal expects ${wanted}.`;
}

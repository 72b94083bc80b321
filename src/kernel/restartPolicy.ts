/**
 * When a user-mode driver dies, bring it back: at once the first time, then after a delay that doubles
 * with each failure, and give up after too many failures within a window. Modelled on MINIX 3's
 * reincarnation server and on UMDF, which stops restarting a driver host after repeated failures.
 * Pure: the kernel asks, this answers.
 */
export interface RestartPolicy {
  /** Failures within `windowTicks` after which the kernel gives up. */
  maxFailures: number;
  windowTicks: number;
  /** Delay before the second restart; it doubles each time after that. */
  backoffTicks: number;
  /** The longest delay. */
  maxBackoffTicks: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxFailures: 5,
  windowTicks: 3000,
  backoffTicks: 10,
  maxBackoffTicks: 400,
};

export type RestartDecision =
  | { action: "restart"; delayTicks: number; attempt: number }
  | { action: "give-up"; failures: number };

/** Decides what to do after a failure at `now`, given the ticks of earlier failures. */
export function decideRestart(
  policy: RestartPolicy,
  failureTicks: readonly number[],
  now: number,
): RestartDecision {
  const recent = failureTicks.filter((t) => now - t < policy.windowTicks).length;
  if (recent >= policy.maxFailures) return { action: "give-up", failures: recent };
  const attempt = recent; // 1 for the first failure in the window
  const delayTicks =
    attempt <= 1 ? 0 : Math.min(policy.maxBackoffTicks, policy.backoffTicks * 2 ** (attempt - 2));
  return { action: "restart", delayTicks, attempt };
}

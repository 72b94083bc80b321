/**
 * A deployment policy: how a content update reaches the fleet. All at once, or in rings — each a share
 * of the fleet, started after the ring before it has soaked — with a health gate that halts the
 * rollout when too many machines of a ring report a sensor failure, and a rollback that publishes the
 * fixed content. The two built-ins are the July 2024 push and a ringed rollout with a gate.
 */
import { JULY_REVERT_MINUTES } from "./facts";

export interface Ring {
  /** Share of the fleet, in percent. */
  percent: number;
  /** Minutes from this ring's start to the next ring's start (if the gate has not halted). */
  soakMinutes: number;
}

export interface HealthGate {
  /** Halt when this percentage of a ring's machines have reported a crashed sensor... */
  thresholdPercent: number;
  /** ...this many minutes after it happened (the telemetry delay). */
  telemetryMinutes: number;
}

export interface Policy {
  name: string;
  rings: Ring[];
  healthGate: HealthGate | null;
  /** Minutes from the gate's halt to the fixed content being published. */
  rollbackMinutes: number;
  /** The vendor reverts at this minute whatever the gate says (July 2024: 78); null: never by hand. */
  revertAfterMinutes: number | null;
  /** Quick Machine Recovery-like automatic repair from the recovery environment. */
  automaticRecovery: boolean;
}

export const BUILT_IN_POLICIES: Record<string, Policy> = {
  "all-at-once": {
    name: "all at once (19 July 2024)",
    rings: [{ percent: 100, soakMinutes: 0 }],
    healthGate: null,
    rollbackMinutes: 0,
    revertAfterMinutes: JULY_REVERT_MINUTES,
    automaticRecovery: false,
  },
  rings: {
    name: "rings with a health gate",
    rings: [
      { percent: 0.1, soakMinutes: 60 },
      { percent: 1, soakMinutes: 240 },
      { percent: 10, soakMinutes: 1440 },
      { percent: 88.9, soakMinutes: 0 },
    ],
    healthGate: { thresholdPercent: 1, telemetryMinutes: 15 },
    rollbackMinutes: 15,
    revertAfterMinutes: null,
    automaticRecovery: false,
  },
};

export const BUILT_IN_NAMES = Object.keys(BUILT_IN_POLICIES);

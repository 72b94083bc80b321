/**
 * `ringlab fleet`: replay the July 2024 push over a fleet of machines under a deployment policy. The
 * driver and the content files are lesson 4's unless --driver names another driver source; each
 * machine class runs on a real emulated machine. With --json the last line is one JSON object.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type FleetRequest, runFleet } from "../fleet/fleet";
import { FLEET_MODES, type FleetMode } from "../fleet/machineOutcome";
import { BUILT_IN_NAMES, BUILT_IN_POLICIES, type Policy } from "../fleet/policy";
import { formatPolicyError, parsePolicy } from "../fleet/policyFile";
import { reportLines } from "../fleet/report";
import { type Scenario, scenarioFromFiles } from "../fleet/scenario";
import { parseLesson } from "../lessons/lesson";
import { readDriverSource } from "./driverRunArgs";
import { LESSONS_DIR } from "./lesson";
import type { CliIo, Command } from "./main";
import { parseOptions } from "./options";

/** The lesson whose driver and channel files the fleet replays by default. */
export const SCENARIO_LESSON = "04-channel-file-291.md";
/** The most machines a run may have: the default population, four times over. */
export const MAX_MACHINES = 50_000_000;

/** Lesson 4's sensor and channel files, as the fleet's scenario. */
export function defaultScenario(): Scenario {
  const file = join(LESSONS_DIR, SCENARIO_LESSON);
  const parsed = parseLesson(SCENARIO_LESSON, readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(`${SCENARIO_LESSON} does not parse: the course is broken`);
  const scenario = scenarioFromFiles(Object.fromEntries(parsed.lesson.files.map((f) => [f.path, f.text])));
  if ("missing" in scenario) throw new Error(`${SCENARIO_LESSON} has no ${scenario.missing}`);
  return scenario;
}

function loadPolicy(name: string, io: CliIo): Policy | undefined {
  const builtIn = BUILT_IN_POLICIES[name];
  if (builtIn) return builtIn;
  let text: string;
  try {
    text = readFileSync(name, "utf8");
  } catch {
    io.err(
      `${name}:1:1: cannot read the policy file (the built-in policies are ${BUILT_IN_NAMES.join(" and ")})`,
    );
    return undefined;
  }
  const parsed = parsePolicy(name, text);
  if ("errors" in parsed) {
    for (const e of parsed.errors) io.err(formatPolicyError(name, e));
    return undefined;
  }
  return parsed.policy;
}

function loadDriver(file: string, scenario: Scenario, io: CliIo): Scenario | undefined {
  const source = readDriverSource(file, false, io);
  return source === undefined ? undefined : { ...scenario, driverFile: basename(file), driverSource: source };
}

export const fleetCommand: Command = {
  name: "fleet",
  args: "[--policy all-at-once|rings|FILE] [--machines N] [--driver FILE] [--mode kernel|user|verified] [--seed N] [--json]",
  summary: "replay the July 2024 content push over a fleet under a deployment policy",
  run(args, io) {
    const options = parseOptions(args, {
      policy: "string",
      machines: "number",
      driver: "string",
      mode: "string",
      seed: "number",
      json: "flag",
    });
    if ("usage" in options) return options;
    if (options.positional.length > 0)
      return { usage: `fleet takes no FILE argument, got '${options.positional[0]}'` };
    const mode = (options.values.mode as string | undefined) ?? "kernel";
    if (!(FLEET_MODES as readonly string[]).includes(mode))
      return { usage: `--mode must be ${FLEET_MODES.join(" or ")}, not '${mode}'` };
    const machines = options.values.machines as number | undefined;
    if (machines !== undefined && (machines < 1 || machines > MAX_MACHINES))
      return {
        usage: `--machines must be from 1 to ${MAX_MACHINES.toLocaleString("en-US")}, not ${machines}`,
      };
    const policy = loadPolicy((options.values.policy as string | undefined) ?? "all-at-once", io);
    if (!policy) return 2;
    let scenario = defaultScenario();
    if (typeof options.values.driver === "string") {
      if (!/\.(c|s)$/.test(options.values.driver))
        return { usage: `${options.values.driver}: expected a .c or .s driver source` };
      const withDriver = loadDriver(options.values.driver, scenario, io);
      if (!withDriver) return 2;
      scenario = withDriver;
    }
    const request: FleetRequest = {
      scenario,
      mode: mode as FleetMode,
      policy,
      machines,
      seed: (options.values.seed as number | undefined) ?? 1,
    };
    const { report } = runFleet(request);
    if (report.loadError) {
      io.err(`ringlab fleet: the driver could not be loaded: ${report.loadError}`);
      return 2;
    }
    io.out(reportLines(report).join("\n"));
    if (options.values.json === true) io.out(JSON.stringify(report));
    return 0;
  },
};

/** One benchmark figure, printed as a JSON line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  note?: string;
}

export function figure(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  note?: string,
): Figure {
  const ratio = baseline === null || baseline === 0 ? null : round(value / baseline);
  return {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio,
    ...(note ? { note } : {}),
  };
}

/**
 * This process's CPU time in seconds (user + system). Throughput figures use it rather than the wall
 * clock: on a shared machine other tenants stretch wall time by up to 2x between runs, while the CPU
 * time a loop needs barely moves. V8's helper threads count too, which only errs on the slow side.
 */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000;
}

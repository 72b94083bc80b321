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

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000;
}

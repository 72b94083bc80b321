/**
 * The fleet page's pictures, drawn on canvases: a line chart over the ten days (machines down, or
 * machine-hours lost so far) with one line per policy, and the fleet picture (one cell per few
 * thousand machines, coloured by their state). Lines differ by dash as well as colour.
 */
import { MAP_LAYERS } from "../../fleet/fleetJob";

export interface ChartLine {
  label: string;
  values: ArrayLike<number>;
  stepMinutes: number;
  colour: string;
  dash: number[];
}

function css(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Sizes the canvas to its box at the screen's pixel density; returns the context and the size. */
function prepare(
  canvas: HTMLCanvasElement,
): { ctx: CanvasRenderingContext2D; width: number; height: number } | null {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, canvas.clientWidth);
  const height = Math.max(1, canvas.clientHeight);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

/** 1234567 -> "1.2M", 45000 -> "45k". */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)}k`;
  return String(Math.round(n));
}

export function drawLineChart(
  canvas: HTMLCanvasElement,
  lines: ChartLine[],
  hoursShown: number,
  marker?: number,
): void {
  const prepared = prepare(canvas);
  if (!prepared) return;
  const { ctx, width, height } = prepared;
  const left = 52;
  const bottom = 22;
  const top = 8;
  const right = 10;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...lines.flatMap((l) => Array.from(l.values)));
  const x = (hours: number) => left + (hours / hoursShown) * plotW;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  ctx.font = `11px ${css("--sans", "sans-serif")}`;
  ctx.fillStyle = css("--muted", "#a3b3cf");
  ctx.strokeStyle = css("--border", "#2a3b60");
  ctx.lineWidth = 1;
  for (let day = 0; day * 24 <= hoursShown; day++) {
    ctx.beginPath();
    ctx.moveTo(x(day * 24), top);
    ctx.lineTo(x(day * 24), top + plotH);
    ctx.stroke();
    ctx.textAlign = "center";
    ctx.fillText(`day ${day}`, x(day * 24), height - 6);
  }
  for (const fraction of [0, 0.5, 1]) {
    ctx.textAlign = "right";
    ctx.fillText(compact(max * fraction), left - 6, y(max * fraction) + 4);
    ctx.beginPath();
    ctx.moveTo(left, y(max * fraction));
    ctx.lineTo(left + plotW, y(max * fraction));
    ctx.stroke();
  }
  for (const line of lines) {
    ctx.strokeStyle = line.colour;
    ctx.lineWidth = 2.5;
    ctx.setLineDash(line.dash);
    ctx.beginPath();
    for (let k = 0; k < line.values.length; k++) {
      const hours = (k * line.stepMinutes) / 60;
      if (hours > hoursShown) break;
      if (k === 0) ctx.moveTo(x(hours), y(line.values[k]));
      else ctx.lineTo(x(hours), y(line.values[k]));
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (marker !== undefined) {
    ctx.strokeStyle = css("--focus", "#ffd400");
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x(marker), top);
    ctx.lineTo(x(marker), top + plotH);
    ctx.stroke();
  }
}

/** The state colours of the fleet picture, shared with its legend. */
export const MAP_COLOURS = {
  healthy: [46, 58, 84],
  down: [255, 92, 92],
  recovered: [61, 214, 181],
  unprotected: [255, 200, 87],
} as const;

/** Draws one frame of the fleet picture: cells in rows, each the mix of its machines' states. */
export function drawFleetMap(
  canvas: HTMLCanvasElement,
  frames: Uint8Array,
  frame: number,
  cells: number,
): void {
  const prepared = prepare(canvas);
  if (!prepared) return;
  const { ctx, width, height } = prepared;
  const columns = Math.max(1, Math.round(Math.sqrt((cells * width) / height)));
  const rows = Math.ceil(cells / columns);
  const cw = width / columns;
  const ch = height / rows;
  const layers = MAP_LAYERS.length;
  for (let c = 0; c < cells; c++) {
    const at = (frame * cells + c) * layers;
    const down = frames[at] / 255;
    const back = frames[at + 1] / 255;
    const unprotected = frames[at + 2] / 255;
    const healthy = Math.max(0, 1 - down - back - unprotected);
    const mix = [0, 1, 2].map((i) =>
      Math.round(
        MAP_COLOURS.healthy[i] * healthy +
          MAP_COLOURS.down[i] * down +
          MAP_COLOURS.recovered[i] * back +
          MAP_COLOURS.unprotected[i] * unprotected,
      ),
    );
    ctx.fillStyle = `rgb(${mix[0]},${mix[1]},${mix[2]})`;
    const col = c % columns;
    const row = Math.floor(c / columns);
    ctx.fillRect(col * cw, row * ch, Math.max(1, cw - 0.5), Math.max(1, ch - 0.5));
  }
}

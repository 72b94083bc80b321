/**
 * The fleet page's worker: runs a fleet job off the main thread, so the page stays responsive while
 * ten days of a fleet are simulated. It reports progress, then the result, transferring its arrays.
 */
import { type FleetJob, runFleetJob } from "../fleet/fleetJob";

export type FleetWorkerMessage =
  | { id: number; kind: "progress"; done: number }
  | { id: number; kind: "done"; result: ReturnType<typeof runFleetJob> }
  | { id: number; kind: "error"; message: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FleetJob>) => void) | null;
  postMessage(message: FleetWorkerMessage, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const job = event.data;
  try {
    let last = 0;
    const result = runFleetJob(
      job,
      () => performance.now(),
      (done) => {
        if (done - last < 0.02 && done < 1) return;
        last = done;
        scope.postMessage({ id: job.id, kind: "progress", done });
      },
    );
    const transfer = result.runs.flatMap((r) => [r.down.buffer, r.machineHours.buffer, r.frames.buffer]);
    scope.postMessage({ id: job.id, kind: "done", result }, transfer);
  } catch (error) {
    scope.postMessage({
      id: job.id,
      kind: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};

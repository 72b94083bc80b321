// Issue 10, item 6: the kernel log is bounded. A guest that makes the kernel log forever (a file
// write/remove loop logged 250,908 events in a minute) costs the host a fixed amount, and the log says
// how much it dropped; readers with a cursor still get every event that is kept, in order.
import { describe, expect, it } from "vitest";
import {
  eventsSince,
  LOG_EVENT_LIMIT,
  LOG_LINE_LIMIT,
  newLogRecord,
  recordEvent,
  recordLine,
} from "../../src/kernel/kernelLog";
import { runUntil } from "../../src/kernel/replay";
import { bootedKernel } from "../support/kernelHarness";

describe("the kernel log", () => {
  it("keeps at most LOG_EVENT_LIMIT events and LOG_LINE_LIMIT lines, counting what it dropped", () => {
    const log = newLogRecord();
    const stamp = { cycles: 0, tick: 0, time: 0, console: 0 };
    const n = LOG_EVENT_LIMIT * 2 + 123;
    for (let i = 0; i < n; i++) recordEvent(log, { kind: "file-removed", path: `/tmp/${i}` }, stamp);
    for (let i = 0; i < LOG_LINE_LIMIT + 50; i++) recordLine(log, `line ${i}`, 0);
    expect(log.events.length).toBeLessThanOrEqual(LOG_EVENT_LIMIT);
    expect(log.droppedEvents + log.events.length).toBe(n);
    expect(log.nextSeq).toBe(n);
    expect(log.lines.length).toBe(LOG_LINE_LIMIT);
    expect(log.droppedLines).toBe(50);
    // A reader that fell behind gets what is kept; one that kept up gets exactly the new ones.
    expect(eventsSince(log, 0)[0].seq).toBe(log.droppedEvents);
    expect(eventsSince(log, n - 3).map((e) => e.seq)).toEqual([n - 3, n - 2, n - 1]);
  });

  it("stays bounded under a user-mode driver that writes and removes a file in a loop", () => {
    const k = bootedKernel({
      "/drivers/churn.c": `int main(void) {
        char x = 1;
        while (1) { write_file("/tmp/churn", &x, 1); remove("/tmp/churn"); }
        return 0;
      }`,
    });
    k.input({ kind: "insmod", path: "/drivers/churn.c", mode: "user" });
    runUntil(k, k.cyclesSincePowerOn + 20_000_000);
    expect(k.log.events.length).toBeLessThanOrEqual(LOG_EVENT_LIMIT);
    expect(k.log.droppedEvents).toBeGreaterThan(0);
    expect(k.state).toBe("running");
  });
});

/**
 * The devices' host limits, as one table: docs/isa.md prints it (a test keeps the two equal), and
 * docs/security.md points at it. Each row names the constant that enforces the limit.
 */
import { ConsoleDevice } from "./console";
import { Disk } from "./disk";
import { DMA_BYTES_PER_CYCLE } from "./portBus";

export interface DeviceLimit {
  what: string;
  limit: string;
  atTheLimit: string;
  constant: string;
}

const mib = (bytes: number): string => `${bytes / (1 << 20)} MiB`;

export const DEVICE_LIMITS: readonly DeviceLimit[] = [
  {
    what: "console output kept for the screen",
    limit: `the newest ${ConsoleDevice.SCREEN_LIMIT / 1024} KiB (at most twice that between trims)`,
    atTheLimit:
      "older output is dropped; a terminal that fell that far behind redraws the screen from what is kept",
    constant: "ConsoleDevice.SCREEN_LIMIT",
  },
  {
    what: "console transcript",
    limit: `the first ${mib(ConsoleDevice.TRANSCRIPT_LIMIT)}`,
    atTheLimit: "later bytes are counted (`transcriptDropped`); `ringlab run` says how many",
    constant: "ConsoleDevice.TRANSCRIPT_LIMIT",
  },
  {
    what: "one disk file",
    limit: mib(Disk.MAX_FILE_BYTES),
    atTheLimit: "the write is refused: `NO_SPACE` (-28); `write_file` returns -28",
    constant: "Disk.MAX_FILE_BYTES",
  },
  {
    what: "files on the disk",
    limit: String(Disk.MAX_FILES),
    atTheLimit: "a new file is refused: `NO_SPACE` (-28); `write_file` returns -28",
    constant: "Disk.MAX_FILES",
  },
  {
    what: "the whole disk (paths plus contents)",
    limit: mib(Disk.MAX_TOTAL_BYTES),
    atTheLimit: "a write that would pass it is refused: `NO_SPACE` (-28); `write_file` returns -28",
    constant: "Disk.MAX_TOTAL_BYTES",
  },
  {
    what: "disk DMA",
    limit: `${DMA_BYTES_PER_CYCLE} bytes per cycle`,
    atTheLimit: "the `out DISK_CMD` that moves n bytes costs 4 + ceil(n / 4) cycles",
    constant: "DMA_BYTES_PER_CYCLE",
  },
];

export function deviceLimitTable(): string {
  const rows = DEVICE_LIMITS.map((l) => `| ${l.what} | ${l.limit} | ${l.atTheLimit} | \`${l.constant}\` |`);
  return ["| What | Limit | At the limit | Constant |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

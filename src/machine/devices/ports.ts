/**
 * Device port numbers: the machine's I/O map (in/out instructions, kernel mode only). See docs/isa.md.
 */
export const PORT = {
  /** Interrupt controller. */
  IRQ_PENDING: 0x00,
  IRQ_MASK: 0x01,
  IRQ_ACK: 0x02,
  /** Timer: period in cycles (0 = off), the cycle counter, tick count. */
  TIMER_PERIOD: 0x10,
  TIMER_NOW_LO: 0x11,
  TIMER_NOW_HI: 0x12,
  TIMER_TICKS: 0x13,
  /** Console: write a byte; read a byte (-1 if none); status bit 0 = input waiting. */
  CON_OUT: 0x20,
  CON_IN: 0x21,
  CON_STATUS: 0x22,
  /** Disk: physical addresses of a NUL-terminated path and a buffer, a length, a command, its result. */
  DISK_PATH: 0x30,
  DISK_BUF: 0x31,
  DISK_LEN: 0x32,
  DISK_CMD: 0x33,
  DISK_RESULT: 0x34,
  /** Event source: status (1 ready, 0 not yet, -1 ended); write a physical address to copy the next event there. */
  EVT_STATUS: 0x40,
  EVT_READ: 0x41,
  EVT_RESULT: 0x42,
  /** Power: write 0 to power off, 1 to reset. */
  POWER: 0x50,
  /** A deterministic pseudo-random number from the machine's seed. */
  RNG: 0x60,
  /** Watchdog: write a period in cycles to arm or pet it; read the period. See watchdog.ts. */
  WATCHDOG: 0x70,
} as const;

/** Interrupt request lines. */
export const IRQ = { TIMER: 0, CONSOLE: 1, EVENTS: 2 } as const;

export const DISK_COMMAND = { READ: 1, WRITE: 2, DELETE: 3, SIZE: 4 } as const;

/** Error results, negative like errno. */
export const DISK_ERROR = { NOT_FOUND: -2, BAD_ADDRESS: -14, INVALID: -22, NO_SPACE: -28 } as const;

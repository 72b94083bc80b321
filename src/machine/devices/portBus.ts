/**
 * The I/O bus: routes in/out port numbers to the devices. Unknown ports read as -1 and ignore writes,
 * like an empty slot on a real bus. Disk and event transfers are DMA to physical addresses.
 *
 * A disk transfer takes machine time in proportion to its size (DMA_BYTES_PER_CYCLE), charged to the
 * clock after the `out` that started it: otherwise one 4-cycle `out` could copy a MiB, and a kernel-mode
 * loop made the host copy 4.3 GB in 0.2 s of machine time. A write is checked against the disk's limits
 * before anything is copied.
 */
import type { Machine } from "../machine";
import { encodeEvent } from "./eventSource";
import { DISK_COMMAND, DISK_ERROR, IRQ, PORT } from "./ports";

const MAX_PATH = 128;
/** Disk DMA moves one word per cycle. */
export const DMA_BYTES_PER_CYCLE = 4;

export class PortBus {
  /** Cycles the last transfer takes, not yet added to the clock (see takeCharge). */
  private charge = 0;

  constructor(private readonly m: Machine) {}

  /** The cycles devices spent since the last call; the machine adds them to its clock. */
  takeCharge(): number {
    const cycles = this.charge;
    this.charge = 0;
    return cycles;
  }

  private chargeTransfer(bytes: number): void {
    this.charge += Math.ceil(bytes / DMA_BYTES_PER_CYCLE);
  }

  read(port: number): number {
    const m = this.m;
    const d = m.devices;
    switch (port) {
      case PORT.IRQ_PENDING:
        return d.interrupts.pending;
      case PORT.IRQ_MASK:
        return d.interrupts.mask;
      case PORT.TIMER_PERIOD:
        return d.timer.period | 0;
      case PORT.TIMER_NOW_LO:
        return (m.cpu.cycles % 0x1_0000_0000) | 0;
      case PORT.TIMER_NOW_HI:
        return Math.floor(m.cpu.cycles / 0x1_0000_0000) | 0;
      case PORT.TIMER_TICKS:
        return d.timer.ticks | 0;
      case PORT.CON_IN: {
        const byte = d.console.read();
        if (d.console.input.length === 0) d.interrupts.clear(IRQ.CONSOLE);
        return byte;
      }
      case PORT.CON_STATUS:
        return d.console.input.length > 0 ? 1 : 0;
      case PORT.DISK_PATH:
        return d.disk.pathAddress;
      case PORT.DISK_BUF:
        return d.disk.bufferAddress;
      case PORT.DISK_LEN:
        return d.disk.length;
      case PORT.DISK_RESULT:
        return d.disk.result;
      case PORT.EVT_STATUS:
        return d.events.status(m.cpu.cycles);
      case PORT.EVT_RESULT:
        return d.events.result;
      case PORT.RNG:
        return m.random.next() | 0;
      case PORT.WATCHDOG:
        return d.watchdog.period;
      default:
        return -1;
    }
  }

  write(port: number, value: number): void {
    const m = this.m;
    const d = m.devices;
    switch (port) {
      case PORT.IRQ_MASK:
        d.interrupts.mask = value;
        return;
      case PORT.IRQ_ACK:
        d.interrupts.acknowledge(value);
        return;
      case PORT.TIMER_PERIOD:
        d.timer.setPeriod(value, m.cpu.cycles);
        return;
      case PORT.CON_OUT:
        d.console.write(value);
        return;
      case PORT.DISK_PATH:
        d.disk.pathAddress = value >>> 0;
        return;
      case PORT.DISK_BUF:
        d.disk.bufferAddress = value >>> 0;
        return;
      case PORT.DISK_LEN:
        d.disk.length = value | 0;
        return;
      case PORT.DISK_CMD:
        d.disk.result = this.diskCommand(value);
        return;
      case PORT.EVT_READ: {
        const event = d.events.take(m.cpu.cycles);
        if (event === undefined) d.events.result = d.events.ended() ? -1 : 0;
        else {
          m.memory.writeBytes(value >>> 0, encodeEvent(event));
          d.events.result = 1;
        }
        return;
      }
      case PORT.POWER:
        m.requestStop(value === 1 ? { kind: "reset" } : { kind: "power-off" });
        return;
      case PORT.WATCHDOG:
        d.watchdog.pet(value, m.cpu.cycles);
        return;
      default:
        return;
    }
  }

  private diskCommand(command: number): number {
    const { memory } = this.m;
    const disk = this.m.devices.disk;
    if (!memory.contains(disk.pathAddress)) return DISK_ERROR.BAD_ADDRESS;
    const path = memory.readCString(disk.pathAddress, MAX_PATH);
    if (path.length === 0) return DISK_ERROR.INVALID;
    switch (command) {
      case DISK_COMMAND.READ: {
        const data = disk.read(path);
        if (data === undefined) return DISK_ERROR.NOT_FOUND;
        const n = Math.max(0, Math.min(disk.length, data.length));
        if (!memory.contains(disk.bufferAddress, n)) return DISK_ERROR.BAD_ADDRESS;
        memory.writeBytes(disk.bufferAddress, data.subarray(0, n));
        this.chargeTransfer(n);
        return n;
      }
      case DISK_COMMAND.WRITE: {
        const n = disk.length;
        if (n < 0) return DISK_ERROR.INVALID;
        if (!memory.contains(disk.bufferAddress, n)) return DISK_ERROR.BAD_ADDRESS;
        // Checked before copying: a refused write costs the host nothing.
        if (!disk.fits(path, n)) return DISK_ERROR.NO_SPACE;
        this.chargeTransfer(n);
        return disk.write(path, memory.u8.subarray(disk.bufferAddress, disk.bufferAddress + n))
          ? n
          : DISK_ERROR.NO_SPACE;
      }
      case DISK_COMMAND.DELETE:
        return disk.remove(path) ? 0 : DISK_ERROR.NOT_FOUND;
      case DISK_COMMAND.SIZE:
        return disk.read(path)?.length ?? DISK_ERROR.NOT_FOUND;
      default:
        return DISK_ERROR.INVALID;
    }
  }
}

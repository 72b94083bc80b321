/**
 * C's memory layout, exactly as the lessons need it: struct members in declaration order, each at the
 * next multiple of its alignment, the struct padded to a multiple of its largest alignment; arrays
 * are their elements back to back; globals go into .data one after another in declaration order,
 * each naturally aligned and nothing else between them. So reading past the end of an array reads
 * whatever the program declared next, byte for byte, as on a real machine.
 *
 *   struct event { int kind; int pid; char name[32]; char arg[64]; }
 *     kind @0  pid @4  name @8..39  arg @40..103          sizeof = 104, align 4
 */
import { alignOf, type CType, type StructInfo, type StructMember, sizeOf } from "./types";

export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Lays out members in order and completes `info`. */
export function layoutStruct(info: StructInfo, members: { name: string; type: CType }[]): void {
  let offset = 0;
  let align = 1;
  const laid: StructMember[] = [];
  for (const m of members) {
    const a = alignOf(m.type);
    // A union's members all start at 0; its size is the largest one's.
    const at = info.union ? 0 : alignTo(offset, a);
    laid.push({ name: m.name, type: m.type, offset: at });
    offset = info.union ? Math.max(offset, sizeOf(m.type)) : at + sizeOf(m.type);
    align = Math.max(align, a);
  }
  info.members = laid;
  info.align = align;
  info.size = alignTo(offset, align);
  info.complete = true;
}

/**
 * A function's frame, growing down from fp. Locals get naturally aligned slots at negative offsets:
 *
 *   fp + 0   saved fp          (the caller's)
 *   fp + 4   saved lr
 *   fp - 4.. saved s-registers, then locals and spill slots, then the outgoing argument area at sp
 */
export class FrameLayout {
  /** Bytes below fp used so far. */
  private used = 0;

  constructor(reserved: number) {
    this.used = reserved;
  }

  /** Reserves size bytes aligned to align; returns the fp offset (negative). */
  allocate(size: number, align: number): number {
    this.used = alignTo(this.used + Math.max(size, 1), Math.max(align, 1));
    return -this.used;
  }

  get size(): number {
    return alignTo(this.used, 4);
  }
}

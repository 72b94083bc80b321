/**
 * The disk: a store of named files that outlives a machine reset within a session, so a bad file
 * written before a crash is still there at the next boot (which is how boot loops happen).
 *
 * Its files live in host memory, and the guest decides what it writes, so the disk is bounded three
 * ways (docs/isa.md, Disk): a file holds at most MAX_FILE_BYTES, the disk at most MAX_FILES files and at
 * most MAX_TOTAL_BYTES in all (each file counts its path's length and its size). A write past any of
 * them changes nothing and returns false, which the port answers with NO_SPACE and the kernel's
 * write_file with -28 (ENOSPC).
 */
export class Disk {
  static readonly MAX_FILE_BYTES = 1 << 20;
  static readonly MAX_FILES = 4096;
  static readonly MAX_TOTAL_BYTES = 16 << 20;

  private readonly store = new Map<string, Uint8Array>();
  /** Path lengths plus file sizes, kept as files change (see MAX_TOTAL_BYTES). */
  private used = 0;
  /** Port registers (see PORT.DISK_*). */
  pathAddress = 0;
  bufferAddress = 0;
  length = 0;
  result = 0;

  /** The files, by path; change them only through write and remove, which keep the limits. */
  get files(): ReadonlyMap<string, Uint8Array> {
    return this.store;
  }

  /** Bytes the files take against MAX_TOTAL_BYTES: each file's path length plus its size. */
  get bytesUsed(): number {
    return this.used;
  }

  read(path: string): Uint8Array | undefined {
    return this.store.get(path);
  }

  readText(path: string): string | undefined {
    const bytes = this.store.get(path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  /** Whether a file of `size` bytes at `path` would fit, counting the file it would replace. */
  fits(path: string, size: number): boolean {
    if (size < 0 || size > Disk.MAX_FILE_BYTES) return false;
    const old = this.store.get(path);
    if (old === undefined && this.store.size >= Disk.MAX_FILES) return false;
    const freed = old === undefined ? 0 : path.length + old.length;
    return this.used - freed + path.length + size <= Disk.MAX_TOTAL_BYTES;
  }

  /** Replaces a file; false (and nothing changes) if it is too large or the disk is full. */
  write(path: string, bytes: Uint8Array | string): boolean {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    if (!this.fits(path, data.length)) return false;
    const old = this.store.get(path);
    if (old !== undefined) this.used -= path.length + old.length;
    this.store.set(path, typeof bytes === "string" ? data : data.slice());
    this.used += path.length + data.length;
    return true;
  }

  remove(path: string): boolean {
    const old = this.store.get(path);
    if (old === undefined) return false;
    this.used -= path.length + old.length;
    return this.store.delete(path);
  }

  list(): string[] {
    return [...this.store.keys()].sort();
  }
}

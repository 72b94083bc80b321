/**
 * The disk: a store of named files that outlives a machine reset within a session, so a bad file
 * written before a crash is still there at the next boot (which is how boot loops happen).
 *
 * Its files live in host memory, and the guest decides what it writes, so the disk is bounded three
 * ways (docs/isa.md, Disk): a file holds at most MAX_FILE_BYTES, the disk at most MAX_FILES files and at
 * most MAX_TOTAL_BYTES in all (each file counts its path's length and its size). A write past any of
 * them changes nothing and returns false, which the port answers with NO_SPACE and the kernel's
 * write_file with -28 (ENOSPC).
 *
 * A file's bytes are never changed in place: every write replaces the file whole, so snapshots share
 * the files instead of copying them.
 */

/**
 * Who owns a file and who may use it, as the disk records it for the kernel's access checks
 * (src/kernel/fileAccess.ts): an account name and Unix-style permission bits (0o644: the owner reads and
 * writes, everyone else reads).
 */
export interface FileMeta {
  owner: string;
  mode: number;
}

/** What a file written without saying whose it is gets: the system's, readable by everyone. */
export const SYSTEM_FILE: FileMeta = { owner: "root", mode: 0o644 };

export class Disk {
  static readonly MAX_FILE_BYTES = 1 << 20;
  static readonly MAX_FILES = 4096;
  static readonly MAX_TOTAL_BYTES = 16 << 20;

  private readonly store = new Map<string, Uint8Array>();
  /** Owner and permissions of each file that is not the system's (SYSTEM_FILE). */
  private readonly owners = new Map<string, FileMeta>();
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

  /** Owners and permissions of the files that are not the system's. */
  get meta(): ReadonlyMap<string, FileMeta> {
    return this.owners;
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

  /** Owner and permissions of a file (undefined when there is no such file). */
  metaOf(path: string): FileMeta | undefined {
    if (!this.store.has(path)) return undefined;
    return this.owners.get(path) ?? SYSTEM_FILE;
  }

  /** Whether a file of `size` bytes at `path` would fit, counting the file it would replace. */
  fits(path: string, size: number): boolean {
    if (size < 0 || size > Disk.MAX_FILE_BYTES) return false;
    const old = this.store.get(path);
    if (old === undefined && this.store.size >= Disk.MAX_FILES) return false;
    const freed = old === undefined ? 0 : path.length + old.length;
    return this.used - freed + path.length + size <= Disk.MAX_TOTAL_BYTES;
  }

  /**
   * Replaces a file (whole); false (and nothing changes) if it is too large or the disk is full. A new
   * file gets `owner` (the system by default); an existing one keeps its owner and permissions.
   */
  write(path: string, bytes: Uint8Array | string, owner: FileMeta = SYSTEM_FILE): boolean {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    if (!this.fits(path, data.length)) return false;
    const old = this.store.get(path);
    if (old !== undefined) this.used -= path.length + old.length;
    this.store.set(path, typeof bytes === "string" ? data : data.slice());
    this.used += path.length + data.length;
    if (old === undefined && owner !== SYSTEM_FILE) this.owners.set(path, { ...owner });
    return true;
  }

  remove(path: string): boolean {
    const old = this.store.get(path);
    if (old === undefined) return false;
    this.used -= path.length + old.length;
    this.owners.delete(path);
    return this.store.delete(path);
  }

  list(): string[] {
    return [...this.store.keys()].sort();
  }

  /**
   * Puts back a snapshot's files and owners, sharing the files' bytes (they are never changed in
   * place). The snapshot was taken of a disk within the limits, so it fits.
   */
  restore(
    files: readonly (readonly [string, Uint8Array])[],
    owners: readonly (readonly [string, FileMeta])[],
  ): void {
    this.store.clear();
    this.owners.clear();
    this.used = 0;
    for (const [path, bytes] of files) {
      this.store.set(path, bytes);
      this.used += path.length + bytes.length;
    }
    for (const [path, meta] of owners) this.owners.set(path, { ...meta });
  }
}

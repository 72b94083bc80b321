/**
 * The disk: a store of named files that outlives a machine reset within a session, so a bad file
 * written before a crash is still there at the next boot (which is how boot loops happen).
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
  readonly files = new Map<string, Uint8Array>();
  /** Owner and permissions of each file that is not the system's (SYSTEM_FILE). */
  readonly meta = new Map<string, FileMeta>();
  /** Port registers (see PORT.DISK_*). */
  pathAddress = 0;
  bufferAddress = 0;
  length = 0;
  result = 0;

  static readonly MAX_FILE_BYTES = 1 << 20;
  static readonly MAX_FILES = 4096;

  read(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }

  readText(path: string): string | undefined {
    const bytes = this.files.get(path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  /**
   * Replaces a file (whole: file contents are never changed in place, so snapshots can share them);
   * false if the disk is full or the file too large. A new file gets `owner` (the system by default);
   * an existing one keeps its owner and permissions.
   */
  write(path: string, bytes: Uint8Array | string, owner: FileMeta = SYSTEM_FILE): boolean {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes.slice();
    if (data.length > Disk.MAX_FILE_BYTES) return false;
    const created = !this.files.has(path);
    if (created && this.files.size >= Disk.MAX_FILES) return false;
    this.files.set(path, data);
    if (created && owner !== SYSTEM_FILE) this.meta.set(path, { ...owner });
    return true;
  }

  remove(path: string): boolean {
    this.meta.delete(path);
    return this.files.delete(path);
  }

  /** Owner and permissions of a file (undefined when there is no such file). */
  metaOf(path: string): FileMeta | undefined {
    if (!this.files.has(path)) return undefined;
    return this.meta.get(path) ?? SYSTEM_FILE;
  }

  list(): string[] {
    return [...this.files.keys()].sort();
  }
}

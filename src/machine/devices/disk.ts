/**
 * The disk: a store of named files that outlives a machine reset within a session, so a bad file
 * written before a crash is still there at the next boot (which is how boot loops happen).
 */
export class Disk {
  readonly files = new Map<string, Uint8Array>();
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

  /** Replaces a file; false if the disk is full or the file too large. */
  write(path: string, bytes: Uint8Array | string): boolean {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes.slice();
    if (data.length > Disk.MAX_FILE_BYTES) return false;
    if (!this.files.has(path) && this.files.size >= Disk.MAX_FILES) return false;
    this.files.set(path, data);
    return true;
  }

  remove(path: string): boolean {
    return this.files.delete(path);
  }

  list(): string[] {
    return [...this.files.keys()].sort();
  }
}

/**
 * The disk's access model: least privilege for ring 3. Every file has an owner (an account) and
 * permission bits. The kernel, kernel-mode drivers and the administrator at the console (the shell's own
 * commands) act as `root` and may do anything: a kernel-mode driver is as powerful as the kernel, which
 * is the point the lessons make. Everything in user mode runs as a low-privilege account of its own:
 * each user-mode driver as its driver name (as a UMDF driver runs as LocalService in its host process),
 * each boot service as its service name, programs started from the shell as `user`. Such an account may
 * read what is readable by everyone or its own; write or remove only its own files; and create files
 * only in its private folder /home/ACCOUNT/ (private: 0o600) or in the shared /tmp/, within a quota. So
 * the system paths (/boot, /drivers, /bin, /etc, /lib) and every other account's data are out of reach.
 */
import { type Disk, type FileMeta, SYSTEM_FILE } from "../machine/devices/disk";
import { err, ok, type Result } from "../shared/result";

export type FileOperation = "read" | "write" | "remove";

export const ROOT = "root";
/** The account of programs started from the shell. */
export const USER_ACCOUNT = "user";
/** A folder every account may create files in (each may change only its own). */
export const SHARED_FOLDER = "/tmp/";

/** What one low-privilege account may keep on the disk, in all. */
export const ACCOUNT_QUOTA = { files: 64, bytes: 256 * 1024 } as const;

export function homeOf(account: string): string {
  return `/home/${account}/`;
}

/**
 * May `account` do `operation` on `path` (writing `bytes` bytes)? For a file that does not exist yet and
 * may be created, the value is the owner and permissions it gets; otherwise the file's own.
 */
export function checkAccess(
  disk: Disk,
  account: string,
  path: string,
  operation: FileOperation,
  bytes = 0,
): Result<FileMeta, string> {
  const meta = disk.metaOf(path);
  if (account === ROOT) return ok(meta ?? SYSTEM_FILE);
  if (operation === "read") {
    if (!meta) return ok(SYSTEM_FILE);
    return meta.owner === account || (meta.mode & 0o004) !== 0 ? ok(meta) : err("the file is private");
  }
  if (meta) {
    if (meta.owner !== account) return err(`the file belongs to ${meta.owner}`);
    if (operation === "write" && (meta.mode & 0o200) === 0) return err("the file is read-only");
    if (operation === "write") {
      const growth = bytes - (disk.read(path)?.length ?? 0);
      if (growth > 0 && usage(disk, account).bytes + growth > ACCOUNT_QUOTA.bytes)
        return err(`over ${account}'s disk quota`);
    }
    return ok(meta);
  }
  if (operation === "remove") return ok(SYSTEM_FILE);
  const home = homeOf(account);
  const where = path.startsWith(home) ? home : path.startsWith(SHARED_FOLDER) ? SHARED_FOLDER : undefined;
  if (where === undefined || path.length === where.length || /(^|\/)\.\.?(\/|$)|\/\//.test(path))
    return err(`${account} may create files only in ${home} and ${SHARED_FOLDER}`);
  const used = usage(disk, account);
  if (used.files + 1 > ACCOUNT_QUOTA.files || used.bytes + bytes > ACCOUNT_QUOTA.bytes)
    return err(`over ${account}'s disk quota`);
  return ok({ owner: account, mode: where === home ? 0o600 : 0o644 });
}

/** Files and bytes an account owns. */
export function usage(disk: Disk, account: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const [path, meta] of disk.meta) {
    if (meta.owner !== account) continue;
    files++;
    bytes += disk.read(path)?.length ?? 0;
  }
  return { files, bytes };
}

/** "rw-r--r--" */
export function permissionString(mode: number): string {
  const bits = "rwxrwxrwx";
  let out = "";
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : "-";
  return out;
}

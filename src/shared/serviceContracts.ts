/**
 * What each kernel service (kernelApi.ts) asks of its arguments and promises of its result, as data the
 * verifier reads: a verified driver may call a service only if the service is allowed there and every
 * argument provably meets its contract. Beside the service table so a new service gets its contract in
 * the same change.
 */
import { KERNEL_SERVICES } from "./kernelApi";

export type ArgumentContract =
  /** Any 32-bit value in [min, max] (signed). */
  | { kind: "scalar"; min: number; max: number }
  /** A pointer to a NUL-terminated string that is part of the driver's read-only data (a literal). */
  | { kind: "constant-string" }
  /** A constant printf format (a literal); the arguments after it must match its conversions. */
  | { kind: "format" }
  /** A pointer to `sizeArgument`'s value in bytes that the service reads or writes (`size` must be a
   * constant, and the whole range must lie inside one of the driver's own objects). */
  | { kind: "buffer"; access: "read" | "write"; sizeArgument: number };

export type ResultContract =
  /** A scalar in [min, max]. */
  | { kind: "scalar"; min: number; max: number }
  /** A pointer that may be null: the verifier requires a null check before any use. */
  | { kind: "nullable-pointer" }
  /** The service does not return (exit, panic). */
  | { kind: "never" };

/** Where a verified driver may call the service: anywhere, only in on_load, or not at all. */
export type VerifiedUse = "anywhere" | "on_load" | "never";

export interface ServiceContract {
  name: string;
  args: ArgumentContract[];
  result: ResultContract;
  verified: VerifiedUse;
}

const INT_MIN = -0x8000_0000;
const INT_MAX = 0x7fff_ffff;
const any = { kind: "scalar", min: INT_MIN, max: INT_MAX } as const;

/** One row per service, by name; a test checks that every service of KERNEL_SERVICES has one. */
export const SERVICE_CONTRACTS: Readonly<Record<string, ServiceContract>> = {
  exit: { name: "exit", args: [any], result: { kind: "never" }, verified: "never" },
  printf: {
    name: "printf",
    args: [{ kind: "format" }],
    result: { kind: "scalar", min: -14, max: INT_MAX },
    verified: "anywhere",
  },
  malloc: {
    name: "malloc",
    args: [{ kind: "scalar", min: 0, max: INT_MAX }],
    result: { kind: "nullable-pointer" },
    verified: "never",
  },
  free: { name: "free", args: [any], result: any, verified: "never" },
  realloc: {
    name: "realloc",
    args: [any, { kind: "scalar", min: 0, max: INT_MAX }],
    result: { kind: "nullable-pointer" },
    verified: "never",
  },
  read_file: {
    name: "read_file",
    args: [
      { kind: "constant-string" },
      { kind: "buffer", access: "write", sizeArgument: 2 },
      { kind: "scalar", min: 0, max: 65536 },
    ],
    result: { kind: "scalar", min: -38, max: 65536 },
    verified: "on_load",
  },
  write_file: {
    name: "write_file",
    args: [
      { kind: "constant-string" },
      { kind: "buffer", access: "read", sizeArgument: 2 },
      { kind: "scalar", min: 0, max: 65536 },
    ],
    result: { kind: "scalar", min: -38, max: 65536 },
    verified: "never",
  },
  next_event: {
    name: "next_event",
    args: [{ kind: "buffer", access: "write", sizeArgument: -1 }],
    result: { kind: "scalar", min: 0, max: 1 },
    verified: "never",
  },
  sleep: { name: "sleep", args: [any], result: any, verified: "never" },
  ticks: { name: "ticks", args: [], result: { kind: "scalar", min: 0, max: INT_MAX }, verified: "anywhere" },
  getpid: {
    name: "getpid",
    args: [],
    result: { kind: "scalar", min: 0, max: INT_MAX },
    verified: "anywhere",
  },
  yield: { name: "yield", args: [], result: any, verified: "never" },
  putchar: {
    name: "putchar",
    args: [any],
    result: { kind: "scalar", min: -38, max: 255 },
    verified: "never",
  },
  remove: {
    name: "remove",
    args: [{ kind: "constant-string" }],
    result: { kind: "scalar", min: -38, max: 0 },
    verified: "never",
  },
  panic: { name: "panic", args: [{ kind: "constant-string" }], result: { kind: "never" }, verified: "never" },
  rand: { name: "rand", args: [], result: { kind: "scalar", min: 0, max: 32767 }, verified: "anywhere" },
  set_status: { name: "set_status", args: [{ kind: "constant-string" }], result: any, verified: "never" },
  getchar: { name: "getchar", args: [], result: { kind: "scalar", min: -1, max: 255 }, verified: "never" },
  event_verdict: {
    name: "event_verdict",
    args: [any],
    result: { kind: "scalar", min: -38, max: 0 },
    verified: "never",
  },
};

/** The services a verified driver may call anywhere, and those it may call in on_load only. */
export const VERIFIED_HELPERS = KERNEL_SERVICES.filter(
  (s) => SERVICE_CONTRACTS[s.name]?.verified === "anywhere",
).map((s) => s.name);
export const ON_LOAD_HELPERS = KERNEL_SERVICES.filter(
  (s) => SERVICE_CONTRACTS[s.name]?.verified === "on_load",
).map((s) => s.name);

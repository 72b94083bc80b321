/**
 * The kernel API: the services every program and driver may call, by the same name in every mode.
 * The toolchain declares them (driver C) and emits a two-instruction stub per service used
 * (`sys N` then `ret`); the kernel's loader keeps `sys N` in user mode (a trap, a ring crossing) and
 * rewrites it to `hcall N` in kernel mode (a direct call, no crossing). Numbers are the ABI: never reuse one.
 */
export interface KernelService {
  number: number;
  name: string;
  /** The C declaration, as driver C predeclares it. */
  prototype: string;
  summary: string;
}

export const KERNEL_SERVICES: readonly KernelService[] = [
  {
    number: 0,
    name: "exit",
    prototype: "void exit(int code);",
    summary: "ends the program (a driver: unloads it) with an exit code",
  },
  {
    number: 1,
    name: "printf",
    prototype: "int printf(const char *fmt, ...);",
    summary:
      "formatted output: %d %i %u %x %X %p %c %s %% with flags, width and precision; to the console, and to the kernel log for drivers",
  },
  {
    number: 2,
    name: "malloc",
    prototype: "void *malloc(unsigned size);",
    summary:
      "allocates size bytes: the kernel pool in kernel mode, the process heap in user mode; 0 when out of memory",
  },
  { number: 3, name: "free", prototype: "void free(void *p);", summary: "returns a block from malloc" },
  {
    number: 4,
    name: "read_file",
    prototype: "int read_file(const char *path, void *buf, int max);",
    summary: "reads up to max bytes of a disk file into buf; the number read, or a negative error",
  },
  {
    number: 5,
    name: "write_file",
    prototype: "int write_file(const char *path, const void *buf, int len);",
    summary: "replaces a disk file with len bytes from buf; len, or a negative error",
  },
  {
    number: 6,
    name: "next_event",
    prototype: "int next_event(struct event *ev);",
    summary: "waits for the next event from the event source into ev; 1, or 0 when the feed has ended",
  },
  {
    number: 7,
    name: "sleep",
    prototype: "void sleep(int ticks);",
    summary: "blocks for a number of timer ticks",
  },
  { number: 8, name: "ticks", prototype: "int ticks(void);", summary: "timer ticks since boot" },
  { number: 9, name: "getpid", prototype: "int getpid(void);", summary: "the caller's process id" },
  {
    number: 10,
    name: "yield",
    prototype: "void yield(void);",
    summary: "gives up the rest of the time slice",
  },
  {
    number: 11,
    name: "putchar",
    prototype: "int putchar(int c);",
    summary: "writes one character to the console",
  },
  {
    number: 12,
    name: "remove",
    prototype: "int remove(const char *path);",
    summary: "deletes a disk file; 0, or a negative error",
  },
  {
    number: 13,
    name: "panic",
    prototype: "void panic(const char *message);",
    summary: "stops with a message: ends the process in user mode, bugchecks the machine in kernel mode",
  },
  {
    number: 14,
    name: "rand",
    prototype: "int rand(void);",
    summary: "a pseudo-random number from 0 to 32767, from the machine's seed (deterministic)",
  },
  {
    number: 15,
    name: "set_status",
    prototype: "void set_status(const char *text);",
    summary: "shows text on the machine's status line, in the caller's slot",
  },
  {
    number: 16,
    name: "getchar",
    prototype: "int getchar(void);",
    summary: "waits for a character from the console; -1 at end of input",
  },
  {
    number: 17,
    name: "sbrk",
    prototype: "void *sbrk(int increment);",
    summary:
      "user mode: grows the process heap by increment bytes (whole pages) and returns its old end, sbrk(0) the end; 0 when it cannot",
  },
  {
    number: 18,
    name: "event_verdict",
    prototype: "int event_verdict(int verdict);",
    summary:
      "a handler driver's verdict on the event next_event last delivered: 0 allows it, non-zero blocks it",
  },
  {
    number: 19,
    name: "realloc",
    prototype: "void *realloc(void *p, unsigned size);",
    summary:
      "resizes a block from malloc, keeping its contents; NULL p: malloc; size 0: frees p, gives 0; 0 when out of memory (p kept)",
  },
];

export const KERNEL_SERVICE_BY_NAME: ReadonlyMap<string, KernelService> = new Map(
  KERNEL_SERVICES.map((s) => [s.name, s]),
);

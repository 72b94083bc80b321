/**
 * The user-mode heap as a library in the process's own memory: malloc, realloc and free for ring 3, over the
 * kernel's page-granting call sbrk, as a C library's malloc works over brk or mmap. Written in driver C,
 * built once per host at USER_RUNTIME_BASE and mapped read-only into every user process; the loader
 * binds an image's malloc, realloc and free to it in user mode (userRuntime.ts). The kernel never reads these
 * block headers: a process that corrupts its heap is caught here, by its own library, and ends.
 */
import { hex } from "../shared/bits";
import { USER_HEAP_BASE } from "./layout";

export const USER_HEAP_PATH = "/lib/heap.c";

export const USER_HEAP_SOURCE = `/*
 * The user-mode heap: malloc, realloc and free for programs and drivers in ring 3, in the process's own memory,
 * over the kernel's page-granting call sbrk (as a C library's malloc works over brk or mmap). The
 * kernel never reads these headers: a corrupt one is found here, by the process itself, and ends it.
 *
 * The arena starts at HEAP_BASE (one zeroed page when the process starts) with a descriptor (magic, end),
 * then blocks, each with a 16-byte header:
 *   +0 size in bytes, header included (a multiple of 16) | 1 if in use
 *   +4 tag "Heap"   +8 size of the previous block (0 for the first)   +12 check word
 */
#define HEAP_BASE ${hex(USER_HEAP_BASE)}
#define MAGIC 0x48656170
#define CHECK 0x5a17c0de
#define TAG 0x70616548
#define IN_USE 1
#define MIN_SPLIT 32

struct arena { unsigned magic; unsigned end; unsigned pad0; unsigned pad1; };
struct block { unsigned size; unsigned tag; unsigned prev; unsigned check; };

static void put_hex(char *out, unsigned value) {
  int i;
  out[0] = '0';
  out[1] = 'x';
  for (i = 0; i < 8; i++) {
    unsigned digit = (value >> (28 - 4 * i)) & 15;
    out[2 + i] = digit < 10 ? '0' + digit : 'a' + digit - 10;
  }
  out[10] = 0;
}

static void corrupt(const char *what, unsigned address) {
  char message[64];
  int n = 0;
  while (what[n] != 0 && n < 40) {
    message[n] = what[n];
    n++;
  }
  put_hex(message + n, address);
  panic(message);
}

static void write_block(unsigned at, unsigned size, int in_use, unsigned prev) {
  struct block *b = (struct block *)at;
  unsigned w0 = (size & ~15) | (in_use ? IN_USE : 0);
  b->size = w0;
  b->tag = TAG;
  b->prev = prev;
  b->check = w0 ^ TAG ^ prev ^ CHECK;
}

/* The header at \`at\`, checked; ends the process if it is corrupt. expected_prev < 0: don't check it. */
static struct block *read_block(struct arena *a, unsigned at, int expected_prev) {
  struct block *b = (struct block *)at;
  unsigned size = b->size & ~15;
  if ((b->size ^ b->tag ^ b->prev ^ CHECK) != b->check || size < 16 || at + size > a->end ||
      (expected_prev >= 0 && b->prev != (unsigned)expected_prev))
    corrupt("heap corruption detected at ", at);
  return b;
}

/* The arena; its first page is mapped (zeroed) by the kernel at process start. */
static struct arena *arena(void) {
  struct arena *a = (struct arena *)HEAP_BASE;
  if (a->magic == MAGIC) return a;
  a->magic = MAGIC;
  a->end = (unsigned)sbrk(0);
  write_block(HEAP_BASE + 16, a->end - HEAP_BASE - 16, 0, 0);
  return a;
}

void *heap_alloc(unsigned bytes) {
  struct arena *a = arena();
  unsigned need;
  int attempt;
  if (a == 0 || bytes > 0x1000000) return 0;
  need = ((bytes + 15) / 16 + 1) * 16;
  if (need < MIN_SPLIT) need = MIN_SPLIT;
  for (attempt = 0; attempt < 2; attempt++) {
    unsigned at = HEAP_BASE + 16;
    unsigned prev_size = 0;
    unsigned last = 0;
    unsigned grown;
    while (at < a->end) {
      struct block *b = read_block(a, at, prev_size);
      unsigned size = b->size & ~15;
      if ((b->size & IN_USE) == 0 && size >= need) {
        if (size - need >= MIN_SPLIT) {
          unsigned next = at + size;
          write_block(at + need, size - need, 0, need);
          if (next < a->end) {
            struct block *n = read_block(a, next, -1);
            write_block(next, n->size & ~15, n->size & IN_USE, size - need);
          }
          write_block(at, need, 1, prev_size);
        } else
          write_block(at, size, 1, prev_size);
        return (void *)(at + 16);
      }
      last = at;
      prev_size = size;
      at += size;
    }
    /* No block fits: ask the kernel for more pages at the end, then try once more. */
    grown = (unsigned)sbrk(need);
    if (grown == 0) return 0;
    {
      unsigned added = (unsigned)sbrk(0) - a->end;
      struct block *l = (struct block *)last;
      if (last != 0 && (l->size & IN_USE) == 0)
        write_block(last, (l->size & ~15) + added, 0, l->prev);
      else
        write_block(a->end, added, 0, prev_size);
      a->end += added;
    }
  }
  return 0;
}

void heap_free(void *pointer) {
  struct arena *a = (struct arena *)HEAP_BASE;
  unsigned at = (unsigned)pointer - 16;
  struct block *b;
  unsigned start;
  unsigned size;
  unsigned prev;
  if (pointer == 0) return;
  if (a->magic != MAGIC || at < HEAP_BASE + 16 || at >= a->end || (at - HEAP_BASE) % 16 != 0)
    corrupt("free(): invalid pointer ", (unsigned)pointer);
  b = read_block(a, at, -1);
  if ((b->size & IN_USE) == 0) corrupt("free(): double free or invalid pointer ", (unsigned)pointer);
  start = at;
  size = b->size & ~15;
  prev = b->prev;
  if (at + size < a->end) {
    struct block *n = read_block(a, at + size, size);
    if ((n->size & IN_USE) == 0) size += n->size & ~15;
  }
  if (prev > 0) {
    struct block *p = read_block(a, at - prev, -1);
    if ((p->size & IN_USE) == 0) {
      start = at - prev;
      size += p->size & ~15;
      prev = p->prev;
    }
  }
  write_block(start, size, 0, prev);
  if (start + size < a->end) {
    struct block *n = read_block(a, start + size, -1);
    write_block(start + size, n->size & ~15, n->size & IN_USE, size);
  }
}

/*
 * C's realloc. NULL is malloc; size 0 frees and gives NULL (as glibc does); a block with room enough
 * stays where it is (so it shrinks in place); otherwise a new block, the old contents copied, the old
 * block freed. Out of memory: NULL, and the old block is left as it was. What is not a block in use
 * ends the process, as free does.
 */
void *heap_realloc(void *pointer, unsigned bytes) {
  struct arena *a = (struct arena *)HEAP_BASE;
  unsigned at = (unsigned)pointer - 16;
  struct block *b;
  unsigned room;
  void *fresh;
  if (pointer == 0) return heap_alloc(bytes);
  if (a->magic != MAGIC || at < HEAP_BASE + 16 || at >= a->end || (at - HEAP_BASE) % 16 != 0)
    corrupt("realloc(): invalid pointer ", (unsigned)pointer);
  b = read_block(a, at, -1);
  if ((b->size & IN_USE) == 0) corrupt("realloc(): invalid pointer ", (unsigned)pointer);
  if (bytes == 0) {
    heap_free(pointer);
    return 0;
  }
  room = (b->size & ~15) - 16;
  if (bytes <= room) return pointer;
  fresh = heap_alloc(bytes);
  if (fresh == 0) return 0;
  memcpy(fresh, pointer, room);
  heap_free(pointer);
  return fresh;
}

/* The toolchain builds programs, so a library has a main too; the kernel never runs this one. */
int main(void) {
  return 0;
}
`;

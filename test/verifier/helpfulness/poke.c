// rewrites: lessons/01-rings.md /bin/poke.c
// poke overwrites the kernel's system call table at an address it made from a number.
int on_event(const struct event *ev) {
  int *table = (int *)0x80009100;
  *table = 0;   // expect: integer, not a pointer
  return 0;
}

// rewrites: SYSTEM_FILES /drivers/spin.c
// spin never gives the processor back: its main is `while (1) n++;`. A handler has no main loop,
// so the nearest form is a handler whose loop has no bound.
int on_event(const struct event *ev) {
  int n = 0;
  while (ev->kind == ev->kind) n++;   // expect: no bound
  return n;
}

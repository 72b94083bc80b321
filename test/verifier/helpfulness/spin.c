// rewrites: SYSTEM_FILES /drivers/spin.c
// spin never gives the processor back: its main is `while (1) n++;`. A handler has no main loop,
// so the nearest form is the same endless loop inside on_event.
int on_event(const struct event *ev) {
  int n = 0;
  while (1) n++;   // expect: this loop has no bound
  return n;
}

// rewrites: SYSTEM_FILES /drivers/null-driver.c
// The table is never allocated: 'table' stays a null pointer, and the first pipe_open event makes
// the driver read table->count. As a handler the pointer is a local that no path sets.
struct pipe_table {
  int size;
  int count;
};

struct pipe_table *lookup(void) {
  return 0;   // the table was never allocated
}

int on_event(const struct event *ev) {
  struct pipe_table *table = lookup();
  if (ev->kind == EV_PIPE_OPEN) {
    printf("null-driver: pipe %s opened by %s\n", ev->name, ev->arg);
    table->count = table->count + 1;   // expect: table (0), which is NULL
  }
  return 0;
}

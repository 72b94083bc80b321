// rewrites: SYSTEM_FILES /drivers/null-handler.c
// null-handler ships as a handler already (the side-by-side demo's default): this is its code as
// shipped, with the finding marked. 'table' is a global pointer that nothing ever sets.
struct pipe_table {
  int size;
  int count;
};

struct pipe_table *table;

int on_event(const struct event *ev) {
  if (ev->kind == EV_PIPE_OPEN) table->count = table->count + 1;   // expect: not a pointer the verifier can trust
  return 0;
}

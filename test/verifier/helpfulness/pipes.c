// rewrites: lessons/02-first-driver-kernel-mode.md /drivers/pipes.c
// rewrites: lessons/03-same-driver-user-mode.md /drivers/pipes.c
// The statistics are never allocated: 'stats' is a global pointer that nothing sets, and the first
// pipe_open makes the driver write through it.
struct pipe_stats {
  int last_pid;
  int opens;
  char last_client[64];
};

struct pipe_stats *stats;   // where the statistics live: nothing ever sets it

int on_event(const struct event *ev) {
  if (ev->kind != EV_PIPE_OPEN) return 0;
  stats->opens = stats->opens + 1;   // expect: which may be NULL
  stats->last_pid = ev->pid;
  printf("pipes: %s opened %s (%d so far)\n", ev->arg, ev->name, stats->opens);
  return 0;
}

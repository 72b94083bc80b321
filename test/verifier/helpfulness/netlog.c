// rewrites: lessons/06-crash-far-from-its-bug.md /drivers/netlog.c
// last_host has room for 24 characters; an event's name can hold 31 and the terminating NUL, so a
// long host name overruns it (in the lesson, into the next block of the pool). The lesson's strcpy
// is written out as the loop it is, since the C library's strcpy scans to a NUL the verifier
// cannot bound.
int connections;
int last_pid;
char last_host[24];   // room for a host name

int on_event(const struct event *ev) {
  int i;
  if (ev->kind != EV_NET_CONNECT) return 0;
  connections++;
  last_pid = ev->pid;
  for (i = 0; i < 32 && ev->name[i]; i++) last_host[i] = ev->name[i];   // expect: last_host
  last_host[i] = 0;
  printf("netlog: connection %d to %s port %s\n", connections, ev->name, ev->arg);
  return 0;
}

// rewrites: lessons/09-restart-policy.md /drivers/watcher.c
// Without a configuration file 'prefix' stays NULL, and measuring it reads address 0. The lesson's
// strlen is written out as a loop bounded by the buffer's size.
char config[128];
int configured;   // set by on_load when /etc/watcher.conf was read

int on_load(void) {
  int n = read_file("/etc/watcher.conf", config, sizeof(config) - 1);
  if (n > 0 && n < 128) {
    if (config[n - 1] == '\n') n--;
    config[n] = 0;
    configured = 1;
  }
  return 0;
}

int on_event(const struct event *ev) {
  char *prefix = 0;
  int length;
  if (configured) prefix = config;
  for (length = 0; length < 127 && prefix[length]; length++) {   // expect: which may be NULL
  }
  if (ev->kind == EV_REGISTRY_SET && length > 0 && ev->name[0] == prefix[0])
    printf("watcher: %s changed %s\n", ev->arg, ev->name);
  return 0;
}

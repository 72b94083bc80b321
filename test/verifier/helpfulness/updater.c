// rewrites: lessons/13-least-privilege.md /drivers/updater.c
// The tampered updater writes a driver's source, the boot configuration and another service's
// data. A verified driver may not write files at all; the first write is refused.
char implant[] = "int main(void) { return 0; }\n";
char state[] = "updater: last check ok\n";

int on_load(void) {
  write_file("/drivers/evil.c", implant, sizeof(implant) - 1);   // expect: write_file
  write_file("/etc/updater.state", state, sizeof(state) - 1);
  return 0;
}

int on_event(const struct event *ev) {
  return 0;
}

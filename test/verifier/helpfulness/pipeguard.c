// rewrites: lessons/12-fail-open.md /drivers/pipeguard.c
// A program name without a dot: the search for the extension finds none and returns NULL, and the
// check of the extension reads address 0. The lesson's own handler calls strrchr and strcmp, which
// scan to a NUL the verifier cannot bound; here the search is bounded by the field's size.
const char *last_dot(const char *text) {
  const char *found = 0;
  int i;
  for (i = 0; i < 64 && text[i]; i++)
    if (text[i] == '.') found = text + i;
  return found;   // NULL when there is no dot
}

int on_event(const struct event *ev) {
  const char *extension;
  if (ev->kind != EV_PIPE_OPEN) return 0;
  extension = last_dot(ev->arg);                     // "spoolsv.exe" -> ".exe"
  if (extension[1] != 'e' || extension[2] != 'x') return 1;   // expect: extension (any value), which may be NULL
  return 0;
}

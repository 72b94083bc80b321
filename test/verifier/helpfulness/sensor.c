// rewrites: lessons/04-channel-file-291.md /drivers/sensor.c
// rewrites: lessons/04b-rewind-to-the-bad-read.md /drivers/sensor.c
// rewrites: lessons/05-boot-loop.md /drivers/sensor.c
// rewrites: lessons/07-checked-mode.md /drivers/sensor.c
// rewrites: lessons/10-content-where-it-runs.md /drivers/sensor.c
// rewrites: lessons/11-canaries.md /drivers/sensor.c
// The Channel File 291 interpreter as a handler: the template type defines 21 input fields, the
// integration code supplies 20 values, and an instance with a criterion in field 21 reads a 21st.
// (The verifier-lesson's own sensor.c is this file; the test checks it separately.)

#define IPC_FIELDS 21     // template type IPC: defines 21 input fields
#define IPC_VALUES 20     // the integration code supplies 20 input values
#define MAX_INSTANCES 8
#define CRITERION 24
#define VALUE 64

// A template instance: a name and one criterion per input field; "*" matches anything.
struct instance {
  char name[CRITERION];
  char criterion[IPC_FIELDS][CRITERION];
};

struct instance instances[MAX_INSTANCES];
int instance_count;
char content[2048];

// The input values for one event, as the integration code fills them in: 20 of them.
char value[IPC_VALUES][VALUE];

// Reads channel file 291 once, when the driver is loaded: name|criterion 1|...|criterion 21.
int on_load(void) {
  int n = read_file("/sensor/C-00000291.dat", content, sizeof(content) - 1);
  int at = 0;
  if (n < 0) {
    printf("sensor: no channel file 291: no named-pipe detections\n");
    return 0;
  }
  while (at < n && instance_count < MAX_INSTANCES) {
    int field = -1;
    int len = 0;
    if (content[at] == '#' || content[at] == '\n') {
      while (at < n && content[at] != '\n') at++;
      at++;
      continue;
    }
    while (at < n && content[at] != '\n') {
      char c = content[at];
      at++;
      if (c == '|') {
        field++;
        len = 0;
      } else if (field < IPC_FIELDS && len < CRITERION - 1) {
        if (field < 0) instances[instance_count].name[len] = c;
        else instances[instance_count].criterion[field][len] = c;
        len++;
      }
    }
    at++;
    instance_count++;
  }
  printf("sensor: channel file 291 loaded: %d template instances\n", instance_count);
  return 0;
}

// Does the value start with the criterion?
int starts_with(const char *text, const char *criterion) {
  int i;
  for (i = 0; i < CRITERION && criterion[i]; i++) {
    if (text[i] != criterion[i]) return 0;
  }
  return 1;
}

// The content interpreter: does this event's input match template instance number inst?
int matches(int inst) {
  int field;
  for (field = 0; field < IPC_FIELDS; field++) {
    const char *criterion = instances[inst].criterion[field];
    if (criterion[0] == '*' && criterion[1] == 0) continue;   // wildcard: the value is not read
    if (value[field][0] == 0) return 0;   // expect: reads value[field] where field can be 20, but value has 20 elements, 0..19
    if (!starts_with(value[field], criterion)) return 0;
  }
  return 1;
}

// Copies an event's text into an input value, up to its terminating NUL.
void copy_value(char *to, const char *from, int size) {
  int i;
  for (i = 0; i < size - 1 && from[i]; i++) to[i] = from[i];
  to[i] = 0;
}

int on_event(const struct event *ev) {
  int i;
  if (ev->kind != EV_PIPE_OPEN) return 0;
  // The integration code: 20 values for the IPC template type; this sensor collects two.
  copy_value(value[0], ev->name, 32);
  copy_value(value[1], ev->arg, 64);
  for (i = 0; i < instance_count && i < MAX_INSTANCES; i++) {
    if (matches(i)) printf("sensor: detection %d: %s opened %s\n", i + 1, ev->arg, ev->name);
  }
  return 0;
}

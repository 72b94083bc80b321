// rewrites: lessons/04-channel-file-291.md /drivers/sensor.c
// rewrites: lessons/04b-rewind-to-the-bad-read.md /drivers/sensor.c
// rewrites: lessons/05-boot-loop.md /drivers/sensor.c
// rewrites: lessons/07-checked-mode.md /drivers/sensor.c
// rewrites: lessons/07b-the-verifier-says-no.md /drivers/sensor.c
// rewrites: lessons/10-content-where-it-runs.md /drivers/sensor.c
// rewrites: lessons/11-canaries.md /drivers/sensor.c
// The Channel File 291 interpreter as a handler: the template type defines 21 input fields, the
// integration code supplies 20 values, and an instance with a criterion in field 21 reads a 21st.
// This is the verifier lesson's sensor.c with its first three lines replaced by this header (the
// test checks that the lesson's own file is rejected at the same line of code).

#define IPC_FIELDS 21     // template type IPC: defines 21 input fields
#define IPC_VALUES 20     // the integration code supplies 20 input values
#define MAX_INSTANCES 8
#define CRITERION 24
#define VALUE 64
#define CONTENT 1024

// A template instance: a name and one criterion per input field; "*" matches anything.
struct instance {
  char name[CRITERION];
  char criterion[IPC_FIELDS][CRITERION];
};

struct instance instances[MAX_INSTANCES];
int instance_count;
char content[CONTENT];

// The input values for one event, as the integration code fills them in: 20 of them.
char value[IPC_VALUES][VALUE];

// Reads channel file 291 once, when the driver is loaded. One template instance per line,
// name|criterion 1|...|criterion 21; lines starting with # are comments. One pass over the text.
int on_load(void) {
  int n = read_file("/sensor/C-00000291.dat", content, CONTENT);
  int at;
  int count = 0;     // template instances read so far
  int field = -1;    // -1 while reading the instance's name, then 0..20
  int len = 0;       // characters of the name or criterion so far
  int line_start = 1;
  int comment = 0;
  if (n < 0) {
    printf("sensor: no channel file 291: no named-pipe detections\n");
    return 0;
  }
  if (n > CONTENT) n = CONTENT;   // never trust a length beyond the buffer
  for (at = 0; at < n && count < MAX_INSTANCES; at++) {
    char c = content[at];
    if (c == '\n') {
      if (!line_start && !comment) count++;
      field = -1;
      len = 0;
      line_start = 1;
      comment = 0;
    } else if (line_start && c == '#') {
      comment = 1;
      line_start = 0;
    } else if (!comment) {
      line_start = 0;
      if (c == '|') {
        if (field < IPC_FIELDS) field++;
        len = 0;
      } else if (field < IPC_FIELDS && len < CRITERION - 1) {
        if (field < 0) instances[count].name[len] = c;
        else instances[count].criterion[field][len] = c;
        len++;
      }
    }
  }
  instance_count = count;
  printf("sensor: channel file 291 loaded: %d template instances\n", count);
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
  if (ev->name[0] == '\\' && ev->name[1] == '\\' && ev->name[2] == '.')
    copy_value(value[0], ev->name + 3, 29);   // the pipe as \pipe\NAME: "\\." only means this machine
  else
    copy_value(value[0], ev->name, 32);
  copy_value(value[1], ev->arg, 64);
  for (i = 0; i < instance_count && i < MAX_INSTANCES; i++) {
    if (matches(i)) printf("sensor: detection %d: %s opened %s\n", i + 1, ev->arg, ev->name);
  }
  return 0;
}

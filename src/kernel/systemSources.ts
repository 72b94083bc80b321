/**
 * The programs and sample drivers installed on every new disk, as driver C source. They are built on
 * the machine when started, like any file a learner writes.
 */
const clock = `// clock: shows the machine's time on the status line, once a second.
void two_digits(char *out, int value) {
  out[0] = '0' + (value / 10) % 10;
  out[1] = '0' + value % 10;
}

int main(void) {
  char text[16];
  int last = -1;
  while (1) {
    int seconds = ticks() / 100;
    if (seconds != last) {
      last = seconds;
      two_digits(text, seconds / 3600);
      text[2] = ':';
      two_digits(text + 3, (seconds / 60) % 60);
      text[5] = ':';
      two_digits(text + 6, seconds % 60);
      text[8] = 0;
      set_status(text);
    }
    sleep(10);
  }
  return 0;
}
`;

const bank = `// bank: applies a transaction every few ticks and saves the ledger to disk after every 20.
// Transactions applied since the last save live only in memory: a crash of the machine loses them.
#define ACCOUNTS 8
#define SAVE_EVERY 20

int applied;
int saved;
int balances[ACCOUNTS];

void save(void) {
  int record[ACCOUNTS + 1];
  int i;
  record[0] = applied;
  for (i = 0; i < ACCOUNTS; i++) record[i + 1] = balances[i];
  if (write_file("/home/bank/ledger", record, sizeof(record)) == sizeof(record)) saved = applied;
}

void show(void) {
  char text[40];
  char digits[12];
  const char *label = "bank: ";
  int n = applied;
  int i = 0;
  int d = 0;
  while (label[i]) {
    text[i] = label[i];
    i++;
  }
  do {
    digits[d++] = '0' + n % 10;
    n = n / 10;
  } while (n > 0);
  while (d > 0) text[i++] = digits[--d];
  text[i] = 0;
  set_status(text);
}

int main(void) {
  int record[ACCOUNTS + 1];
  int i;
  if (read_file("/home/bank/ledger", record, sizeof(record)) == sizeof(record)) {
    applied = record[0];
    for (i = 0; i < ACCOUNTS; i++) balances[i] = record[i + 1];
  } else {
    for (i = 0; i < ACCOUNTS; i++) balances[i] = 1000;
  }
  saved = applied;
  while (1) {
    int from = rand() % ACCOUNTS;
    int to = rand() % ACCOUNTS;
    int amount = rand() % 100;
    balances[from] -= amount;
    balances[to] += amount;
    applied++;
    if (applied - saved >= SAVE_EVERY) save();
    show();
    sleep(5);
  }
  return 0;
}
`;

const sensor = String.raw`// sensor: a well-behaved sensor driver that counts events by kind.
int counts[8];

int main(void) {
  struct event ev;
  int total = 0;
  printf("sensor: watching\n");
  while (next_event(&ev)) {
    if (ev.kind > 0 && ev.kind < 8) counts[ev.kind]++;
    total++;
  }
  printf("sensor: feed ended after %d events (%d pipe opens)\n", total, counts[EV_PIPE_OPEN]);
  return 0;
}
`;

const nullDriver = String.raw`// null-driver: counts named-pipe opens in a table, and has a bug.
// The table is never allocated: 'table' stays a null pointer, so the first pipe_open event
// makes the driver read address 0x4 (table->count).
struct pipe_table {
  int size;
  int count;
};

struct pipe_table *table;

int main(void) {
  struct event ev;
  printf("null-driver: started\n");
  while (next_event(&ev)) {
    if (ev.kind == EV_PIPE_OPEN) {
      printf("null-driver: pipe %s opened by %s\n", ev.name, ev.arg);
      table->count = table->count + 1;
    }
  }
  return 0;
}
`;

const spin = String.raw`// spin: a driver that never gives the processor back.
int main(void) {
  int n = 0;
  printf("spin: starting\n");
  while (1) n++;
  return n;
}
`;

// The same bug as null-driver.c, written as an event handler (docs/verifier.md), so one source loads in
// all three modes: kernel mode bugchecks, user mode loses one process, verified mode refuses it.
const nullHandler = `// null-handler: null-driver's bug, written as an event handler.
// The kernel calls on_event once per event; 0 allows the event, non-zero blocks it.
// 'table' is never allocated, so the first pipe_open event reads address 0x4 (table->count).
struct pipe_table {
  int size;
  int count;
};

struct pipe_table *table;

int on_event(const struct event *ev) {
  if (ev->kind == EV_PIPE_OPEN) table->count = table->count + 1;
  return 0;
}
`;

// A handler the verifier accepts: every access is provably in bounds and its one loop has a constant
// bound. It gives verdicts, so the demo shows a verified driver doing its job in ring 0.
const guard = `// guard: counts events by kind and blocks any program started with an encoded command line
// (-EncodedCommand), a favourite way to hide what a script does.
// The kernel calls on_event once per event; 0 allows the event, 1 blocks it.
int counts[8];

int on_event(const struct event *ev) {
  int i;
  if (ev->kind < 0 || ev->kind >= 8) return 0;   // proves counts[ev->kind] in bounds
  counts[ev->kind]++;
  if (ev->kind != EV_PROCESS_START) return 0;
  for (i = 0; i < 60; i++) {                     // a constant bound: arg has 64 bytes
    if (ev->arg[i] == 0) return 0;
    if (ev->arg[i] == '-' && ev->arg[i + 1] == 'E' && ev->arg[i + 2] == 'n' && ev->arg[i + 3] == 'c') return 1;
  }
  return 0;
}
`;

export const SYSTEM_FILES: Record<string, string> = {
  "/bin/clock.c": clock,
  "/bin/bank.c": bank,
  "/drivers/sensor.c": sensor,
  "/drivers/null-driver.c": nullDriver,
  "/drivers/spin.c": spin,
  "/drivers/null-handler.c": nullHandler,
  "/drivers/guard.c": guard,
  "/etc/services": "clock\nbank\n",
  "/boot/drivers.conf": "# boot-start drivers: PATH MODE (kernel or user), one per line\n",
};

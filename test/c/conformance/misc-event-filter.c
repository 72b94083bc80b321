#include <ringlab.h>
int blocked(struct event *ev, const char *rules[], int n) {
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(ev->name, rules[i]) == 0) return 1;
    return 0;
}
int main(void) {
    const char *rules[2] = { "evil.exe", "miner" };
    struct event ev;
    ev.kind = EV_PROCESS_START;
    ev.pid = 42;
    strcpy(ev.name, "miner");
    strcpy(ev.arg, "--fast");
    printf("%d %d %s\n", blocked(&ev, rules, 2), ev.pid, ev.arg);
    strcpy(ev.name, "editor");
    printf("%d\n", blocked(&ev, rules, 2));
    return 0;
}
// expect: 1 42 --fast
// expect: 0

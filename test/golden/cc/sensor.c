#include <ringlab.h>
/* A security sensor in miniature: match process names against rules. */
#define RULES 3
const char *rules[RULES] = { "evil.exe", "miner", "dropper" };

int matches(struct event *ev) {
    int i;
    for (i = 0; i < RULES; i++)
        if (strcmp(ev->name, rules[i]) == 0) return 1;
    return 0;
}

int main(void) {
    struct event ev;
    int blocked = 0;
    while (next_event(&ev)) {
        if (ev.kind == EV_PROCESS_START && matches(&ev)) {
            printf("blocked %s (pid %d)\n", ev.name, ev.pid);
            blocked++;
        }
    }
    return blocked;
}

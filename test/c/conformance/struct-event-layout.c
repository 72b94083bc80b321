#include <ringlab.h>
int main(void) {
    struct event ev;
    char *base = (char *)&ev;
    printf("%d %d %d %d %d\n", (int)sizeof(struct event), (int)((char *)&ev.pid - base), (int)(ev.name - base), (int)(ev.arg - base), (int)sizeof ev.arg);
    printf("%d %d %d\n", EV_PROCESS_START, EV_NET_CONNECT, EV_REGISTRY_SET);
    return 0;
}
// expect: 104 4 8 40 64
// expect: 1 4 6

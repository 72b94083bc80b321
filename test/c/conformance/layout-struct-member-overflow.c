struct event_like { int kind; char name[4]; int severity; };
int main(void) {
    struct event_like e;
    e.kind = 1;
    e.severity = 7;
    strcpy(e.name, "root");
    printf("%d %d\n", e.kind, e.severity);
    return 0;
}
// oracle: skip
// expect: 1 0

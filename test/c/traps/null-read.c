struct event_like { int kind; char name[32]; };
int read_kind(struct event_like *ev) {
    return ev->kind;
}
int main(void) {
    printf("before\n");
    printf("%d\n", read_kind(0));
    printf("after\n");
    return 0;
}
// expect: before
// expect trap: page fault

// flags: --checked
/* A call through a null function pointer panics at its line, before jumping anywhere. */
struct ops { int (*read)(int); };

int twice(int x) { return 2 * x; }

int main(void) {
    struct ops good = {twice};
    struct ops missing = {0};
    printf("%d\n", good.read(21));
    printf("%d\n", missing.read(1));
    return 0;
}
// expect: 42
// expect panic: call through a null function pointer at call-null-function-pointer.c:11

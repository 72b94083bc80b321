// flags: --checked
/* A call through a pointer that is no function's address (here into the middle of one) panics. */
int twice(int x) { return 2 * x; }

int main(void) {
    int (*f)(int) = twice;
    printf("%d\n", f(4));
    f = (int (*)(int))((char *)twice + 4);
    printf("%d\n", f(4));
    return 0;
}
// expect: 8
// expect panic: call through a wild function pointer (0x00001010) at call-wild-function-pointer.c:9

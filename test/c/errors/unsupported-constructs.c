#if DEBUG
#endif
union value { int i; char c; };
int apply(int (*op)(int), int x) { return op(x); }
int main(void) {
    goto done;
    return 0;
}
// expect error: 1:1 '#if' is not supported in driver C
// expect error: 2:1 '#endif' is not supported in driver C
// expect error: 3:1 unions are not supported in driver C
// expect error: 4:17 function pointers are not supported in driver C
// expect error: 6:5 'goto' is not supported in driver C

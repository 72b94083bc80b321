int apply(int (*op)(int), int x) { return op(x); }
int main(void) {
    return 0;
}
// expect error: 1:17 function pointers are not supported in driver C

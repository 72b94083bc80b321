/* Names that look like the compiler's own labels or registers still mean what they say. */
int __str_0 = 5;
int _c_sp = 1;
int sp = 2;
int _start(void) { return 10; }
int zero(int t0) { return t0 - 1; }
int main(void) {
    printf("%s %d\n", "ok", __str_0 + _c_sp + sp + _start() + zero(1));
    return 0;
}
// oracle: skip
// expect: ok 18

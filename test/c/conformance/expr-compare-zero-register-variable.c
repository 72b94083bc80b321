// x != 0 and x == 0 on a variable kept in a register, written to another register (a ?: arm):
// the 0/1 result must not be overwritten by a copy of the variable.
int main(void) {
    int v = 2;
    int r = v ? (0 != v) : v;
    int s = v ? (v == 0) : 5;
    printf("%d %d\n", r, s);
    return 0;
}
// expect: 1 0

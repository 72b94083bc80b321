int id(int x) { return x; }
int main(void) {
    int big[9000];
    int a = 3, b = 4;
    int *p = big;
    big[8999] = 7;
    p[100] = 5;
    /* Temporaries live across calls are spilled; in this frame the spill slots sit above the array. */
    printf("%d\n", a + id(b) * (a + id(big[8999]) * (b + id(p[100]))));
    printf("%d\n", (int)sizeof big);
    return 0;
}
// expect: 267
// expect: 36000

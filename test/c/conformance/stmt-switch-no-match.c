int main(void) {
    int r = 5;
    switch (r) { case 1: r = 1; break; case 2: r = 2; }
    printf("%d\n", r);
    return 0;
}
// expect: 5

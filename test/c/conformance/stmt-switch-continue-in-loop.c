int main(void) {
    int i, s = 0;
    for (i = 0; i < 6; i++) {
        switch (i % 3) {
        case 0: continue;
        case 1: s += 1; break;
        default: s += 10;
        }
        s += 100;
    }
    printf("%d\n", s);
    return 0;
}
// expect: 422

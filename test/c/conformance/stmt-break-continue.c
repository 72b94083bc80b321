int main(void) {
    int i, odd = 0;
    for (i = 0; i < 100; i++) {
        if (i % 2 == 0) continue;
        if (i > 15) break;
        odd += i;
    }
    printf("%d %d\n", odd, i);
    return 0;
}
// expect: 64 17

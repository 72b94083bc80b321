int main(void) {
    int i = 100;
    int sum = 0;
    for (int i = 0; i < 4; i++) sum += i;
    printf("%d %d\n", sum, i);
    return 0;
}
// expect: 6 100

int main(void) {
    int i, j, count = 0;
    for (i = 0; i < 5; i++) {
        for (j = 0; j < 5; j++) {
            if (j > i) break;
            count++;
        }
    }
    printf("%d %d %d\n", count, i, j);
    return 0;
}
// expect: 15 5 5

int buffer[2];
int canary = 1234;
int main(void) {
    int i;
    for (i = 0; i <= 2; i++) buffer[i] = 0;
    printf("%d\n", canary);
    return 0;
}
// oracle: skip
// expect: 0

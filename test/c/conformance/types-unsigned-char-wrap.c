int main(void) {
    unsigned char u = 250;
    int i;
    for (i = 0; i < 10; i++) u++;
    printf("%d\n", u);
    u = 0;
    u--;
    printf("%d\n", u);
    return 0;
}
// expect: 4
// expect: 255

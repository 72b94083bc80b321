int main(void) {
    char a = 100, b = 100;
    int sum = a + b;
    char wrapped = a + b;
    unsigned char ua = 200, ub = 100;
    printf("%d %d %d %d\n", sum, wrapped, ua + ub, (unsigned char)(ua + ub));
    printf("%d %d\n", (int)sizeof(a + b), (int)sizeof(+a));
    return 0;
}
// expect: 200 -56 300 44
// expect: 4 4

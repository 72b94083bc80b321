struct blob { char bytes[100]; short n; };
int main(void) {
    struct blob a, b;
    int i;
    for (i = 0; i < 100; i++) a.bytes[i] = (char)i;
    a.n = 1234;
    b = a;
    printf("%d %d %d\n", b.bytes[0], b.bytes[99], b.n);
    return 0;
}
// expect: 0 99 1234

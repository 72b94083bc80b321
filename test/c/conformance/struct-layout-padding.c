struct mixed { char a; int b; char c; short d; char e; };
struct packed4 { char a; char b; short c; int d; };
int main(void) {
    struct mixed m;
    char *base = (char *)&m;
    printf("%d %d %d %d %d\n", (int)((char *)&m.a - base), (int)((char *)&m.b - base), (int)((char *)&m.c - base), (int)((char *)&m.d - base), (int)((char *)&m.e - base));
    printf("%d %d\n", (int)sizeof(struct mixed), (int)sizeof(struct packed4));
    return 0;
}
// expect: 0 4 8 10 12
// expect: 16 8

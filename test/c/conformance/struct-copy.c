struct big { int a[10]; char tag; };
struct big g;
int main(void) {
    struct big x;
    struct big y;
    int i;
    for (i = 0; i < 10; i++) x.a[i] = i * i;
    x.tag = 'T';
    y = x;
    g = y;
    x.a[3] = -1;
    printf("%d %d %c %d %c\n", y.a[3], g.a[9], g.tag, x.a[3], y.tag);
    return 0;
}
// expect: 9 81 T -1 T

int id(int x) { return x; }
int main(void) {
    int a = 2;
    int r = id(a) + (id(a + 1) * (id(a + 2) + (id(a + 3) * (id(a + 4) + id(a + 5) * (id(a + 6) + id(a + 7))))));
    printf("%d\n", r);
    return 0;
}
// expect: 1889

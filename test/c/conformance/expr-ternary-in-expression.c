int pick(int x) { return x * 2; }
int main(void) {
    int a = 4, b = 5;
    int v = pick(a) + (b > a ? pick(b) : 0) * 3 + (a ? 1 : 2);
    printf("%d\n", v);
    return 0;
}
// expect: 39

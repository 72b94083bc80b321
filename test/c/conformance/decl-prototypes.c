int square(int x);
void show(int v);
int main(void) {
    show(square(9));
    return 0;
}
int square(int x) { return x * x; }
void show(int v) { printf("v=%d\n", v); }
// expect: v=81

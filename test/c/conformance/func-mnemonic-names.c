int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int call(int x) { return x; }
int ret = 1;
int main(void) {
    printf("%d\n", call(add(sub(10, 3), ret)));
    return 0;
}
// expect: 8

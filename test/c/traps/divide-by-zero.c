int ratio(int a, int b) { return a / b; }
int main(void) {
    printf("%d\n", ratio(10, 2));
    printf("%d\n", ratio(1, 0));
    return 0;
}
// expect: 5
// expect trap: divide by zero

static int helper(int);
int main(void) {
    printf("%d\n", helper(20));
    return 0;
}
static int helper(int n) { return n + 1; }
// expect: 21

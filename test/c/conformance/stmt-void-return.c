int total;
void add(int x) {
    if (x < 0) return;
    total += x;
}
int main(void) {
    add(5);
    add(-3);
    add(7);
    printf("%d\n", total);
    return 0;
}
// expect: 12

int next_id(void) {
    static int counter = 100;
    counter++;
    return counter;
}
int calls(void) {
    static int n;
    return ++n;
}
int main(void) {
    int first, second;
    next_id();
    next_id();
    first = calls();
    second = calls();
    printf("%d %d\n", next_id(), first + second * 10);
    return 0;
}
// expect: 103 21

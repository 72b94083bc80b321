int main(void) {
    int n = printf("hello %d\n", 12345);
    printf("%d\n", n);
    return 0;
}
// expect: hello 12345
// expect: 12

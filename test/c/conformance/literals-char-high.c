int main(void) {
    printf("%d %d\n", '\xff', (unsigned char)'\xff');
    return 0;
}
// expect: -1 255

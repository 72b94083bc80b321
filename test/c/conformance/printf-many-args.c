int main(void) {
    printf("%d %d %d %d %d %d %d %d %s %c\n", 1, 2, 3, 4, 5, 6, 7, 8, "nine", 'X');
    return 0;
}
// expect: 1 2 3 4 5 6 7 8 nine X

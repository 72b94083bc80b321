int main(void) {
    int *squares = malloc(10 * sizeof(int));
    char *text = malloc(6);
    int i, s = 0;
    for (i = 0; i < 10; i++) squares[i] = i * i;
    for (i = 0; i < 10; i++) s += squares[i];
    strcpy(text, "heap!");
    printf("%d %s %d\n", s, text, squares != 0 && (char *)squares != text);
    free(squares);
    free(text);
    return 0;
}
// expect: 285 heap! 1

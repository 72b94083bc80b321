int main(void) {
    int *p = NULL;
    char *s = 0;
    printf("%d %d %d\n", p == 0, s == NULL, !p);
    if (p) printf("never\n");
    return 0;
}
// expect: 1 1 1

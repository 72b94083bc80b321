int main(void) {
    char s[] = "abc";
    int i, n = 0;
    for (i = 0; i < (int)strlen(s); i++) n++;
    if (strlen(s) - 4 > 0) printf("wraps\n");
    printf("%d\n", n);
    return 0;
}
// expect: wraps
// expect: 3

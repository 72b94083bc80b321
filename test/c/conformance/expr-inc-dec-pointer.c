int main(void) {
    int a[4] = {1, 2, 3, 4};
    int *p = a;
    char s[] = "xyz";
    char *q = s;
    printf("%d ", *p++);
    printf("%d ", *++p);
    printf("%d ", *p--);
    printf("%d\n", *p);
    q++;
    printf("%c %c\n", *q, *(q - 1));
    return 0;
}
// expect: 1 3 3 2
// expect: y x

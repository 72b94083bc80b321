int main(void) {
    char s[] = "Hello";
    int i;
    for (i = 0; s[i]; i++)
        if (s[i] >= 'a' && s[i] <= 'z') s[i] = s[i] - 'a' + 'A';
    printf("%s %d\n", s, 'z' - 'a');
    return 0;
}
// expect: HELLO 25

int count(const char *s, char c) {
    int n = 0;
    while (*s) {
        if (*s == c) n++;
        s++;
    }
    return n;
}
int main(void) {
    printf("%d %d\n", count("mississippi", 's'), count("", 'x'));
    return 0;
}
// expect: 4 0

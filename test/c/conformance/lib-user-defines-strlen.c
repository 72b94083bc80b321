size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n + 1000;
}
int main(void) {
    printf("%d\n", (int)strlen("abc"));
    return 0;
}
// oracle: skip
// expect: 1003

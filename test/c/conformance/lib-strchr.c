int main(void) {
    const char *s = "key=value";
    char *eq = strchr(s, '=');
    printf("%d %s %d\n", (int)(eq - s), eq + 1, strchr(s, '#') == NULL);
    printf("%d\n", strchr(s, 0) - s);
    return 0;
}
// expect: 3 value 1
// expect: 9

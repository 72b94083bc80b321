void reverse(char *s) {
    char *e = s + strlen(s) - 1;
    while (s < e) {
        char t = *s;
        *s++ = *e;
        *e-- = t;
    }
}
int main(void) {
    char word[] = "kernel";
    reverse(word);
    printf("%s\n", word);
    return 0;
}
// expect: lenrek

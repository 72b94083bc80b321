char exact[3] = "abc";
char after = 'Z';
char roomy[8] = "hi";
int main(void) {
    printf("%c%c%c %d %d\n", exact[0], exact[1], exact[2], (int)sizeof exact, roomy[2]);
    printf("%s\n", roomy);
    return 0;
}
// expect: abc 3 0
// expect: hi

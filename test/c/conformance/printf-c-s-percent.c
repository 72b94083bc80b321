int main(void) {
    char name[] = "ringlab";
    printf("%c%c %s %% %s%%\n", 'o', 'k', name, "done");
    return 0;
}
// expect: ok ringlab % done%

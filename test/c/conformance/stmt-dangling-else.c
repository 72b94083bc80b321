int main(void) {
    int a = 1, b = 0;
    if (a)
        if (b) printf("both\n");
        else printf("a only\n");
    if (!a)
        if (b) printf("x\n"); else printf("y\n");
    printf("done\n");
    return 0;
}
// expect: a only
// expect: done

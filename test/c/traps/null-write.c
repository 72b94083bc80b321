int main(void) {
    int *p = NULL;
    printf("writing\n");
    *p = 42;
    return 0;
}
// expect: writing
// expect trap: page fault

int main(void) {
    int i = 0;
    ;
    for (i = 0; i < 10; i++)
        ;
    i;
    {
    }
    printf("%d\n", i);
    return 0;
}
// expect: 10

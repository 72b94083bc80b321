int main(void) {
    int *far = (int *)0x7ffffff0;
    printf("%d\n", *far);
    return 0;
}
// expect trap: page fault

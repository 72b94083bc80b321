/* Unchecked, a call through a null function pointer jumps to address 0: a page fault on execute. */
int (*handler)(int);
int main(void) {
    printf("before\n");
    return handler(1);
}
// expect: before
// expect trap: page fault

int main(void) {
    printf("bye\n");
    return 3;
}
// expect: bye
// expect exit: 3

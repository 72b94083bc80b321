int main(void) {
    printf("no return\n");
}
// expect: no return

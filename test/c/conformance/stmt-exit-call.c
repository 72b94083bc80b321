void finish(void) {
    printf("finishing\n");
    exit(7);
}
int main(void) {
    finish();
    printf("not reached\n");
    return 0;
}
// expect: finishing
// expect exit: 7

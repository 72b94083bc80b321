enum { LOW = -2, MID, HIGH = 10 };
int main(void) {
    printf("%d %d %d\n", LOW, MID, HIGH);
    return 0;
}
// expect: -2 -1 10

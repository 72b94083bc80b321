int shared;
int shared;
int shared = 5;
extern int later;
int use(void) { return later * 2; }
int later = 21;
int main(void) {
    printf("%d %d\n", shared, use());
    return 0;
}
// expect: 5 42

enum color { RED, GREEN };
enum colour paint = GREEN;
enum opaque *handle;
int main(void) {
    printf("%d %d\n", paint, handle == 0);
    return 0;
}
// expect warning: 2:1 'enum colour' is never defined in this file: driver C treats it as 'int'
// expect warning: 3:1 'enum opaque' is never defined in this file: driver C treats it as 'int'
// expect: 1 1

struct point { int x, y; };
int a[3] = { [3] = 1 };
struct point p = { .z = 1 };
int b[2] = { .x = 1 };
struct point q = { [0] = 1 };
int c[4] = { [1 ... 2] = 5 };
int main(void) {
    return 0;
}
// expect error: 2:14 array designator index 3 is outside the array (which has 3 elements)
// expect error: 3:21 no member named 'z' in 'struct point'
// expect error: 4:15 member designator '.x' in an array initializer
// expect error: 5:20 array designator in a struct initializer
// expect error: 6:17 designator ranges ('[a ... b]') are not supported in driver C

typedef int count_t;
typedef unsigned char byte;
typedef byte buffer[16];
typedef int *intptr;
int main(void) {
    count_t n = 3;
    buffer b;
    int x = 7;
    intptr p = &x;
    b[0] = 255;
    b[0]++;
    printf("%d %d %d %d\n", n, (int)sizeof(buffer), b[0], *p);
    return 0;
}
// expect: 3 16 0 7

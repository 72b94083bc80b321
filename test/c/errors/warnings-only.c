int buffer[16];
int scale(int v) {
    if (v > 0) return v * 2;
}
int main(void) {
    int total;
    int i;
    for (i = 0; i < 16; i++) buffer[i] = i;
    if (total = buffer[3]) printf("%d\n", total);
    printf("%d\n", buffer[16]);
    printf("%d\n", scale(4));
    return 0;
}
// expect warning: 4:1 control reaches the end of non-void function 'scale'
// expect warning: 9:15 using the result of an assignment as a condition
// expect warning: 10:27 array index 16 is past the end of the array (which contains 16 elements)
// expect: 3
// expect: 0
// expect: 8

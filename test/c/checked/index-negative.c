// flags: --checked
int main(void) {
    char buf[8];
    int i = -1;
    buf[0] = 'a';
    buf[i] = 'b';
    return 0;
}
// expect panic: index out of bounds: the len is 8 but the index is -1 at index-negative.c:6

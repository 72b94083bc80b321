int main(void) {
    printf("%d %d %d %d\n", (int)sizeof(char), (int)sizeof(short), (int)sizeof(int), (int)sizeof(unsigned));
    printf("%d %d\n", (int)sizeof(unsigned char), (int)sizeof(unsigned short));
    return 0;
}
// expect: 1 2 4 4
// expect: 1 2

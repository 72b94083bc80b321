int main(void) {
    char dst[8];
    int i;
    memset(dst, 'X', 8);
    strncpy(dst, "abc", 6);
    for (i = 0; i < 8; i++) printf("%d ", dst[i]);
    printf("\n");
    strncpy(dst, "longer text", 4);
    printf("%c%c%c%c %d\n", dst[0], dst[1], dst[2], dst[3], dst[4]);
    return 0;
}
// expect: 97 98 99 0 0 0 88 88 
// expect: long 0

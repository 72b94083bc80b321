int main(void) {
    unsigned char data[5] = {0, 15, 16, 171, 255};
    int i;
    for (i = 0; i < 5; i++) printf("%02x", data[i]);
    printf("\n");
    return 0;
}
// expect: 000f10abff

int main(void) {
    char buf[32];
    strcpy(buf, "driver");
    printf("%d %s %d\n", (int)strlen(buf), buf, (int)strlen(""));
    return 0;
}
// expect: 6 driver 0

const int limit = 10;
const char greeting[] = "hey";
int main(void) {
    const int *p = &limit;
    int local = *p + 1;
    printf("%d %d %s\n", limit, local, greeting);
    return 0;
}
// expect: 10 11 hey

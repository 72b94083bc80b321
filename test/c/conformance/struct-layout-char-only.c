struct tiny { char a; char b; char c; };
struct tiny arr[4];
struct withshort { char c; short s; };
int main(void) {
    printf("%d %d %d\n", (int)sizeof(struct tiny), (int)sizeof arr, (int)sizeof(struct withshort));
    return 0;
}
// expect: 3 12 4

int table[4] = {1, 2, 3, 4};
int after = 99;
int main(void) {
    int *p = table;
    printf("%d\n", p[4]);
    printf("%d\n", (int)((char *)&after - (char *)table));
    return 0;
}
// oracle: skip
// expect: 99
// expect: 16

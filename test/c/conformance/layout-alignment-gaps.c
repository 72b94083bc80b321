char c1 = 'a';
int i1 = 5;
char c2 = 'b';
short s1 = 7;
int main(void) {
    printf("%d %d %d\n", (int)((char *)&i1 - &c1), (int)(&c2 - (char *)&i1), (int)((char *)&s1 - &c2));
    return 0;
}
// oracle: skip
// expect: 4 4 2

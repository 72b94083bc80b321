struct rec { char tag; int value; short s; char name[6]; };
struct rec r = { 'k', 1000, -5, "abc" };
struct rec table[2] = { { 'a', 1, 2, "x" }, { 'b', 3, 4, "yy" } };
int main(void) {
    printf("%c %d %d %s %d\n", r.tag, r.value, r.s, r.name, (int)sizeof r);
    printf("%c %d %s %c %d %s\n", table[0].tag, table[0].s, table[0].name, table[1].tag, table[1].value, table[1].name);
    return 0;
}
// expect: k 1000 -5 abc 16
// expect: a 2 x b 3 yy

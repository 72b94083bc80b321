int a[10];
char s[7];
short m[3][5];
int main(void) {
    printf("%d %d %d %d\n", (int)sizeof a, (int)sizeof s, (int)sizeof m, (int)sizeof m[1]);
    printf("%d\n", (int)(sizeof a / sizeof a[0]));
    return 0;
}
// expect: 40 7 30 10
// expect: 10

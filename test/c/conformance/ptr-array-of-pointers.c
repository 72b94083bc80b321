char *words[] = { "alpha", "beta", "gamma" };
int main(void) {
    int i;
    for (i = 0; i < 3; i++) printf("%s:%c ", words[i], words[i][1]);
    printf("%d\n", (int)(sizeof words / sizeof words[0]));
    return 0;
}
// expect: alpha:l beta:e gamma:a 3

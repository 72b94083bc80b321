const char *classify(int n) {
    if (n < 0) return "negative";
    else if (n == 0) return "zero";
    else if (n < 10) return "small";
    else return "large";
}
int main(void) {
    printf("%s %s %s %s\n", classify(-5), classify(0), classify(7), classify(70));
    return 0;
}
// expect: negative zero small large

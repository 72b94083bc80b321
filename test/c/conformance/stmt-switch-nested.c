int main(void) {
    int a = 1, b = 2, r = 0;
    switch (a) {
    case 1:
        switch (b) {
        case 2: r = 12; break;
        default: r = 19;
        }
        r += 1000;
        break;
    case 2: r = 2;
    }
    printf("%d\n", r);
    return 0;
}
// expect: 1012

int main(void) {
    int i;
    for (i = 0; i < 5; i++) {
        int n = 0;
        switch (i) {
        case 0: n += 1;
        case 1: n += 10;
        case 2: n += 100; break;
        case 3: n += 1000;
        default: n += 5;
        }
        printf("%d ", n);
    }
    printf("\n");
    return 0;
}
// expect: 111 110 100 1005 5 

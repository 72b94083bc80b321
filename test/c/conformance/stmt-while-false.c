int main(void) {
    int runs = 0;
    while (0) runs++;
    while (runs > 5) runs--;
    printf("%d\n", runs);
    return 0;
}
// expect: 0

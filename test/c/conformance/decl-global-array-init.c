int primes[] = {2, 3, 5, 7, 11};
short small[4] = {1, -2};
int main(void) {
    int i;
    for (i = 0; i < 5; i++) printf("%d ", primes[i]);
    printf("| %d %d %d %d | %d\n", small[0], small[1], small[2], small[3], (int)sizeof primes);
    return 0;
}
// expect: 2 3 5 7 11 | 1 -2 0 0 | 20

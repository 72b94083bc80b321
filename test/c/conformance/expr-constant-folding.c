#define N (3 * 4 + 2)
#define MASK (~0u >> 28)
int table[N];
int main(void) {
    printf("%d %d %u\n", (int)sizeof table / 4, N % 5, MASK);
    printf("%d\n", (1 << 4) | (1 << 2));
    return 0;
}
// expect: 14 4 15
// expect: 20

// flags: --checked
/* A 64-bit index is checked like any other: as the word the address is computed from. */
long long samples[8];

long long at(long long i) {
    return samples[i];
}

int main(void) {
    long long i;
    for (i = 0; i < 8; i++) samples[i] = i * 0x100000000LL;
    printf("%lld\n", at(7));
    printf("%lld\n", at(8));
    return 0;
}
// expect: 30064771072
// expect panic: index out of bounds: the len is 8 but the index is 8 at llong-index.c:6

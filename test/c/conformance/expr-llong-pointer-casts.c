/* Casts between 64-bit integers and pointers (32 bits: the high word is dropped, or zero/sign-filled),
   and long, which is 32 bits here. */
int main(void) {
    int x[2] = {11, 22};
    int *p = &x[0];
    unsigned long long addr = (unsigned long long)p;
    long long sp = (long long)p;
    int *q = (int *)(addr + 4);
    long l = (long)0x100000005LL;
    unsigned long ul = (unsigned long)-1LL;
    printf("%d %d %d\n", *q, (int)((long long)&x[1] - (long long)&x[0]), (addr >> 32) == 0);
    printf("%d %d\n", sp == (long long)(unsigned)p, (int *)(0x100000000ULL + addr) == p);
    printf("%ld %lu %d\n", l, ul, (int)(long long)(char)-3);
    return 0;
}
// expect: 22 4 1
// expect: 1 1
// expect: 5 4294967295 -3

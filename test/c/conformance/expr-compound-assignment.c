int main(void) {
    int x = 100;
    x += 5; printf("%d ", x);
    x -= 10; printf("%d ", x);
    x *= 3; printf("%d ", x);
    x /= 7; printf("%d ", x);
    x %= 7; printf("%d ", x);
    x <<= 4; printf("%d ", x);
    x >>= 1; printf("%d ", x);
    x &= 0x1c; printf("%d ", x);
    x |= 0x41; printf("%d ", x);
    x ^= 0xff; printf("%d\n", x);
    return 0;
}
// expect: 105 95 285 40 5 80 40 8 73 182

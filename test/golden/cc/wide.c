/* 64-bit arithmetic in register pairs: h arrives in a0/a1, t in a3 and on the stack, the result
   leaves in a0/a1; the multiplication calls the library's __muldi3. */
unsigned long long mix64(unsigned long long h, int a, long long t) {
    h ^= (unsigned long long)t << 7;
    h += h >> 33;
    if (t < a && (long long)h > t) h -= 1;
    return h * 0x9e3779b97f4a7c15ULL;
}

int main(void) {
    unsigned long long h = mix64(0x100000000ULL, 1, -5LL);
    return (int)(h >> 60);
}

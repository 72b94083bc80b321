struct point { short x; short y; };

unsigned mix(unsigned char c, int n, struct point *p) {
    unsigned h = c;
    h = (h << 5) ^ (h >> 2) ^ (unsigned)n;
    if (n > 0 && p->x < p->y) h += p->x * 3;
    return n ? h % 7 : h / 8;
}

int main(void) {
    struct point pt = { 2, 5 };
    int args[6] = { 1, 2, 3, 4, 5, 6 };
    return (int)mix('a', args[5], &pt) + args[0] - args[1];
}

struct b;
struct a { struct b *other; int v; };
struct b { struct a *other; int w; };
int main(void) {
    struct a x;
    struct b y;
    x.other = &y;
    y.other = &x;
    x.v = 1;
    y.w = 2;
    printf("%d %d\n", x.other->w, x.other->other->v);
    return 0;
}
// expect: 2 1

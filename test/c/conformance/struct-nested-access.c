struct inner { int v[3]; };
struct outer { char name[4]; struct inner in; struct inner *link; };
int main(void) {
    struct outer o;
    struct inner other = { {7, 8, 9} };
    o.in.v[0] = 1;
    o.in.v[2] = 3;
    o.link = &other;
    o.link->v[1] += o.in.v[2];
    printf("%d %d %d\n", o.in.v[2], o.link->v[1], (*o.link).v[2]);
    return 0;
}
// expect: 3 11 9

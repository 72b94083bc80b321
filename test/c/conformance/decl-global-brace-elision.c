int m[2][3] = { 1, 2, 3, 4, 5 };
struct pair { int a; int b; } ps[2] = { 1, 2, 3 };
int main(void) {
    printf("%d %d %d %d %d %d\n", m[0][0], m[0][2], m[1][0], m[1][1], m[1][2], (int)sizeof m);
    printf("%d %d %d %d\n", ps[0].a, ps[0].b, ps[1].a, ps[1].b);
    return 0;
}
// expect: 1 3 4 5 0 24
// expect: 1 2 3 0

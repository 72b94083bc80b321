/* Function-like macros: arguments expanded first, # and ##, variadic, and no self-recursion. */
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define SQUARE(x) ((x) * (x))
#define STR(x) #x
#define XSTR(x) STR(x)
#define GLUE(a, b) a ## b
#define LOG(fmt, ...) printf("[log] " fmt "\n", __VA_ARGS__)
#define TWICE(f) f(f(3))
#define SWAP(t, a, b) do { t tmp_ = (a); (a) = (b); (b) = tmp_; } while (0)
#define N 10

int GLUE(counter_, 1) = 5;

int inc(int v) { return v + 1; }

int main(void) {
    int limit = 1;
    int x = 4, y = 9;
    printf("%d %d\n", MAX(x, y), SQUARE(x + 1));
    printf("%s %s %s\n", STR(a + b), STR(N), XSTR(N));
    printf("%d\n", GLUE(counter_, 1));
    LOG("%d-%d", x, y);
    printf("%d\n", TWICE(inc));
#define limit limit + 1
    printf("%d\n", limit);
    SWAP(int, x, y);
    printf("%d %d\n", x, y);
    return 0;
}
// expect: 9 25
// expect: a + b N 10
// expect: 5
// expect: [log] 4-9
// expect: 5
// expect: 2
// expect: 9 4

/* An enum named before its list (a GCC and Clang extension real code has): it is an int meanwhile. */
enum mode;
enum mode *current;
static int weight(enum mode m) { return (int)m * 10; }
enum mode { IDLE, BUSY = 4 };
int main(void) {
    enum mode m = BUSY;
    current = &m;
    printf("%d %d\n", weight(*current), weight(IDLE));
    return 0;
}
// expect: 40 0

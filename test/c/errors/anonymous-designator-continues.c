struct s { int x; struct { int a, b; }; int y; };
struct s ok = { .a = 1, .b = 2, 3 };
struct s unclear = { .a = 1, 2 };
int main(void) { return 0; }
// expect error: 3:30 give this initializer a designator too: it follows a nested one

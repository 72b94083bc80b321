/* The ABI of a struct result and a compound literal, at the instruction level: the caller passes the
   address of room in its frame in a0, the declared arguments move to a1 and on, and the callee copies
   its result there and hands the address back in a0. */
struct point { int x, y; };

struct point make(int x, int y) {
    struct point p = {x, y};
    return p;
}

int main(void) {
    struct point q = make(3, 4);
    int *pair = (int[]){q.x, q.y};
    return pair[0] + pair[1];
}

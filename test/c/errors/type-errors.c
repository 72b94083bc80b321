struct point { int x; int y; };
int length(struct point *p) { return p->x + p->y; }
int main(void) {
    struct point pt;
    int *ip;
    char *name = 42;
    ip = &pt;
    pt = 3;
    return length(pt);
}
// expect error: 6:18 incompatible integer to pointer conversion initializing 'char *' with an expression of type 'int'
// expect error: 7:8 incompatible pointer types assigning to 'int *' from 'struct point *'
// expect error: 8:8 incompatible types assigning to 'struct point' from 'int'
// expect error: 9:19 incompatible types passing 'struct point' to parameter 1 of 'length' of type 'struct point *'

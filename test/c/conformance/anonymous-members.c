/* Anonymous struct and union members (C11): their members are the enclosing struct's. */
struct reg {
    int kind;
    union {
        unsigned word;
        unsigned char bytes[4];
        struct { unsigned short low, high; };
    };
    int after;
};

int main(void) {
    struct reg r = { 7, { 0x11223344u }, 9 };
    struct reg d = { .word = 0xaabbccddu, .kind = 2, .after = 3 };
    struct reg *p = &d;
    printf("%d %x %x %x %x %d\n", r.kind, r.word, r.bytes[0], r.high, r.low, r.after);
    p->high = 0x1234;
    printf("%d %x %d %d\n", d.kind, p->word, d.after, (int)sizeof(struct reg));
    return 0;
}
// expect: 7 11223344 44 1122 3344 9
// expect: 2 1234ccdd 3 12

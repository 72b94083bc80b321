/* Unions: every member at offset 0, the size of the largest, little-endian underneath. */
#include <stdint.h>

union word {
    uint32_t value;
    uint8_t bytes[4];
    uint16_t halves[2];
};

struct packet {
    int kind;
    union {
        int number;
        char text[6];
    } body;
};

typedef union { int i; unsigned u; } either;

union word global_word = {0x11223344};

int sum_bytes(union word *w) {
    int i, s = 0;
    for (i = 0; i < 4; i++) s += w->bytes[i];
    return s;
}

int main(void) {
    union word w;
    struct packet p = {2, {65}};
    either e;
    union word copy;
    w.value = 0x04030201;
    printf("%d %d %d\n", (int)sizeof(union word), (int)sizeof(struct packet), (int)sizeof(either));
    printf("%d %d %d %d | %x %x\n", w.bytes[0], w.bytes[1], w.bytes[2], w.bytes[3], w.halves[0], w.halves[1]);
    w.bytes[3] = 0xff;
    printf("%x %d\n", w.value, sum_bytes(&w));
    printf("%x %x\n", global_word.value, global_word.bytes[0]);
    printf("%d %c\n", p.body.number, p.body.text[0]);
    e.i = -1;
    printf("%u\n", e.u);
    copy = w;
    printf("%x\n", copy.value);
    return 0;
}
// expect: 4 12 4
// expect: 1 2 3 4 | 201 403
// expect: ff030201 261
// expect: 11223344 44
// expect: 65 A
// expect: 4294967295
// expect: ff030201

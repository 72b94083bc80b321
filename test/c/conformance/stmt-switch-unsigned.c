int main(void) {
    unsigned u = 4294967295u;
    switch (u) { case 4294967295u: printf("max\n"); break; default: printf("other\n"); }
    switch ((unsigned char)300) { case 44: printf("44\n"); }
    return 0;
}
// expect: max
// expect: 44

int main(void) {
    char c = 'b';
    int v = -3;
    switch (c) { case 'a': printf("A\n"); break; case 'b': printf("B\n"); break; }
    switch (v) { case -3: printf("minus three\n"); break; case 3: printf("three\n"); }
    switch (v + 100000) { case 99997: printf("big\n"); }
    return 0;
}
// expect: B
// expect: minus three
// expect: big

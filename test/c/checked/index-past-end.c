// flags: --checked
int table[20];
int lookup(int i) {
    return table[i];
}
int main(void) {
    int i;
    for (i = 0; i < 20; i++) table[i] = i * 2;
    printf("%d\n", lookup(19));
    printf("%d\n", lookup(20));
    printf("not reached\n");
    return 0;
}
// expect: 38
// expect panic: index out of bounds: the len is 20 but the index is 20 at index-past-end.c:4

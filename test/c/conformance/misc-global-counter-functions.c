int hits[3];
void record(int kind) { hits[kind]++; }
int main(void) {
    int i;
    for (i = 0; i < 10; i++) record(i % 3);
    printf("%d %d %d\n", hits[0], hits[1], hits[2]);
    return 0;
}
// expect: 4 3 3

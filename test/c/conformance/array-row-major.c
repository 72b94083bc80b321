int m[2][3] = { {1, 2, 3}, {4, 5, 6} };
int main(void) {
    int *flat = &m[0][0];
    int i;
    for (i = 0; i < 6; i++) printf("%d", flat[i]);
    printf("\n");
    return 0;
}
// expect: 123456

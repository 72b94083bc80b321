int find(int *a, int n, int want) {
    int i;
    for (i = 0; i < n; i++) {
        int j = 0;
        while (j < 3) {
            if (a[i] + j == want) return i * 10 + j;
            j++;
        }
    }
    return -1;
}
int main(void) {
    int a[4] = {3, 8, 20, 1};
    printf("%d %d\n", find(a, 4, 22), find(a, 4, 100));
    return 0;
}
// expect: 22 -1

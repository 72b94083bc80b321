void fill(int a[], int n, int v) {
    int i;
    for (i = 0; i < n; i++) a[i] = v + i;
}
int total(int a[10], int n) {
    int s = 0, i;
    for (i = 0; i < n; i++) s += a[i];
    return s;
}
int main(void) {
    int data[10];
    fill(data, 10, 5);
    printf("%d %d\n", data[9], total(data, 10));
    return 0;
}
// expect: 14 95

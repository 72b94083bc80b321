void sort(int *a, int n) {
    int i, j;
    for (i = 0; i < n - 1; i++)
        for (j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
}
int main(void) {
    int a[8] = {5, -2, 9, 0, 3, 3, -7, 1};
    int i;
    sort(a, 8);
    for (i = 0; i < 8; i++) printf("%d ", a[i]);
    printf("\n");
    return 0;
}
// expect: -7 -2 0 1 3 3 5 9 

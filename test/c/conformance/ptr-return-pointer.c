int values[5] = {4, 9, 2, 7, 5};
int *largest(int *a, int n) {
    int *best = a;
    int i;
    for (i = 1; i < n; i++)
        if (a[i] > *best) best = &a[i];
    return best;
}
int main(void) {
    int *m = largest(values, 5);
    *m = 0;
    printf("%d %d\n", (int)(m - values), *largest(values, 5));
    return 0;
}
// expect: 1 7

/* Locals kept in s0..s2 survive kernel API calls (a system call in user mode, a direct kernel call in
   kernel mode), calls into the C library, and calls to functions that use s0..s2 themselves. */
int busy(int n) {
    int i, a = 0, b = 1;
    for (i = 0; i < n; i++) {
        int t = a + b;
        a = b;
        b = t;
    }
    return a;
}

int sum_to(int n) {
    int s = 0, k;
    for (k = 1; k <= n; k++) s += k;
    return n == 0 ? 0 : s + sum_to(n - 1) - sum_to(n - 1);
}

int main(void) {
    int i, total = 0, last = -1;
    char *p = malloc(16);
    for (i = 0; i < 5; i++) {
        printf("%d ", i);
        total += i * 10;
        last = getpid() > 0 ? i : -100;
        strcpy(p, "ok");
        total += busy(i + 5) + sum_to(3) + (int)strlen(p);
    }
    putchar('\n');
    printf("%d %d %d %s\n", i, total, last, p);
    return 0;
}
// expect: 0 1 2 3 4 
// expect: 5 221 4 ok

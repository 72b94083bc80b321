/* Register variables: the three most used scalars whose address is never taken live in s0..s2,
   weighted by loop depth; the rest stay in the frame. */
void bump(int *p) { *p = *p + 1; }

int scan(int *a, int n, int limit) {
    int i, hits = 0, seen = 0, unused = 7;
    for (i = 0; i < n; i++) {
        if (a[i] > limit) hits++;
        bump(&seen);
    }
    return hits + seen + unused;
}

int main(void) {
    int data[4] = { 3, 9, 1, 12 };
    return scan(data, 4, 2);
}

/* The outage's shape: a count from a content file says 21 fields, the array has 20. The read goes
   past the end and lands on a pointer-sized zero (NULL), which is then followed. */
struct template { char *fields[20]; };
struct template t;
char *extra = 0;
int main(void) {
    int count = 21;
    int i, total = 0;
    for (i = 0; i < 20; i++) t.fields[i] = "x";
    for (i = 0; i < count; i++) total += t.fields[i][0];
    printf("%d\n", total);
    return 0;
}
// expect trap: page fault

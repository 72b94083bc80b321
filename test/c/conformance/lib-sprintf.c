/* sprintf and snprintf: printf's conversions into a buffer, computed by C in the guest. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char buf[64];
    char small[8];
    int n;
    n = sprintf(buf, "%s=%d (%x) [%5d|%-4s|%03u] %c%%", "pid", -42, 255, 7, "ab", 9u, 'z');
    printf("%s %d %d\n", buf, n, (int)strlen(buf));
    n = snprintf(small, sizeof small, "%d-%d-%d", 1000, 2000, 3000);
    printf("%s %d\n", small, n);
    n = snprintf(buf, sizeof buf, "[%.3s][%+d][% d][%#x][%08x][%.4d][%p]", "abcdef", 5, 5, 255, 0xbeef, 42, (void *)0x1000);
    printf("%s %d\n", buf, n);
    n = sprintf(buf, "no arguments");
    printf("%s %d\n", buf, n);
    n = snprintf(0, 0, "%d", 12345);
    printf("%d\n", n);
    return 0;
}
// expect: pid=-42 (ff) [    7|ab  |009] z% 32 32
// expect: 1000-20 14
// expect: [abc][+5][ 5][0xff][0000beef][0042][0x00001000] 47
// expect: no arguments 12
// expect: 5

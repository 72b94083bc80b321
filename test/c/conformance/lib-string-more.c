/* memmove, strcat, strncat, strrchr, strstr, calloc and puts: C in the guest, like the rest of libc. */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>

int main(void) {
    char buf[32] = "abcdef";
    char path[32] = "/drivers/";
    int *zeros;
    int i, sum = 0;
    memmove(buf + 2, buf, 4);
    printf("%s\n", buf);
    memmove(buf, buf + 2, 4);
    printf("%s\n", buf);
    strcat(path, "sensor");
    strncat(path, ".sys.old", 4);
    printf("%s %d\n", path, (int)strlen(path));
    printf("%s|%s\n", strrchr(path, '/'), strrchr(path, 's'));
    printf("%d %d\n", strrchr(path, 'z') == NULL, strrchr(path, 0) == path + strlen(path));
    printf("%s|%s|%d\n", strstr(path, "sen"), strstr(path, ""), strstr(path, "xyz") == NULL);
    zeros = calloc(8, sizeof(int));
    for (i = 0; i < 8; i++) sum += zeros[i];
    printf("%d %d\n", sum, calloc(0x40000000, 8) == NULL);
    free(zeros);
    puts("done");
    return 0;
}
// expect: ababcd
// expect: abcdcd
// expect: /drivers/sensor.sys 19
// expect: /sensor.sys|s
// expect: 1 1
// expect: sensor.sys|/drivers/sensor.sys|1
// expect: 0 1
// expect: done

/* The standard headers Ringlab provides, and a redeclaration as a header would write it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include "stdio.h"
#pragma once
#line 100 "renamed.c"

int printf(const char *, ...);
size_t strlen(const char *s);

struct pair { char tag; int32_t value; };

int main(void) {
    uint8_t small = UINT8_MAX;
    int16_t half = INT16_MIN;
    uint32_t big = UINT32_MAX;
    intptr_t p = 0;
    ptrdiff_t d = 3;
    printf("%d %d %u %d %d\n", small, half, big, (int)p, d);
    printf("%d %d %u %d\n", INT_MAX, INT_MIN, UINT_MAX, CHAR_BIT);
    printf("%d %d\n", (int)offsetof(struct pair, value), (int)strlen("four"));
    printf("%d %d %d\n", EXIT_SUCCESS, EXIT_FAILURE, EOF);
    printf("%d\n", NULL == 0);
    return EXIT_SUCCESS;
}
// expect: 255 -32768 4294967295 0 3
// expect: 2147483647 -2147483648 4294967295 8
// expect: 4 4
// expect: 0 1 -1
// expect: 1

#include <stdio.h>
int main(void) {
    int (*f)(char *, const char *, ...) = &sprintf;
    int (*g)(char *, size_t, const char *, ...) = snprintf;
    return 0;
}
// expect error: 3:43 'sprintf' can only be called, not used as a pointer: driver C compiles each call to it specially, having no va_list
// expect error: 4:51 'snprintf' can only be called, not used as a pointer: driver C compiles each call to it specially, having no va_list

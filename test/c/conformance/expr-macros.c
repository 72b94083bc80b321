#include <ringlab.h>
#define WIDTH 8
#define HEIGHT (WIDTH / 2)
#define AREA WIDTH * HEIGHT
#define MESSAGE "area is"
int main(void) {
    printf("%s %d %d\n", MESSAGE, AREA, 64 / AREA);
    return 0;
}
// expect: area is 32 32

/* Conditional compilation picks code before the compiler sees it. */
#define LEVEL 2
#define FEATURE_X

#if LEVEL > 3
#error too high
#elif LEVEL == 2 && defined(FEATURE_X) && !defined FEATURE_Y
static const char *mode = "two with x";
#else
static const char *mode = "other";
#endif

#ifdef FEATURE_Y
int not_compiled = 1 / 0;
#endif

#ifndef FEATURE_Y
#define Y_VALUE 0
#endif

#if 0
  This is not C at all: it's skipped, apostrophes and 1.5 included.
#endif

#if (1 << 40) > 0xffffffff
#define WIDE "64-bit #if"
#endif

int main(void) {
    printf("%s %d %s\n", mode, Y_VALUE, WIDE);
#if LEVEL >= 2
    printf("nested ");
#  if LEVEL >= 3
    printf("deep");
#  else
    printf("shallow");
#  endif
#endif
    printf("\n");
    return 0;
}
// expect: two with x 0 64-bit #if
// expect: nested shallow

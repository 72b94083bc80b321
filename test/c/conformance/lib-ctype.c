/* The <ctype.h> classifiers, over every character from 0 to 127. */
#include <ctype.h>

int main(void) {
    int c;
    int counts[7] = {0};
    char word[] = "Hello, World 42!";
    for (c = 0; c < 128; c++) {
        if (isdigit(c)) counts[0]++;
        if (isalpha(c)) counts[1]++;
        if (isalnum(c)) counts[2]++;
        if (isspace(c)) counts[3]++;
        if (isupper(c)) counts[4]++;
        if (islower(c)) counts[5]++;
        if (isxdigit(c)) counts[6]++;
    }
    for (c = 0; c < 7; c++) printf("%d ", counts[c]);
    printf("\n");
    for (c = 0; word[c]; c++) putchar(toupper(word[c]));
    putchar(' ');
    for (c = 0; word[c]; c++) putchar(tolower(word[c]));
    printf("\n%d %d\n", toupper(-1), tolower(200));
    return 0;
}
// expect: 10 52 62 6 26 26 22 
// expect: HELLO, WORLD 42! hello, world 42!
// expect: -1 200

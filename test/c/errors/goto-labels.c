int main(void) {
    int x = 0;
top:
    x++;
    if (x < 3) goto top;
    goto nowhere;
top: x--;
    goto *x;
    return x;
}
// expect error: 6:5 use of undeclared label 'nowhere'
// expect error: 7:1 redefinition of label 'top'
// expect error: 8:10 computed goto ('goto *') is not supported in driver C

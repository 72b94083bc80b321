int x = 42;
int arr[5] = {10, 20, 30, 40, 50};
int *px = &x;
int *third = &arr[2];
int *end = arr + 5;
char *msg = "constant";
int main(void) {
    printf("%d %d %d %s\n", *px, *third, (int)(end - arr), msg);
    printf("%d\n", third[1]);
    return 0;
}
// expect: 42 30 5 constant
// expect: 40

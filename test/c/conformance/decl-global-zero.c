int g;
int arr[4];
char name[8];
int main(void) {
    printf("%d %d %d %d\n", g, arr[0], arr[3], name[7]);
    return 0;
}
// expect: 0 0 0 0

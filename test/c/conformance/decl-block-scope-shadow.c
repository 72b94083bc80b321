int x = 1;
int main(void) {
    int x = 2;
    printf("%d ", x);
    {
        int x = 3;
        printf("%d ", x);
        {
            x = 4;
            printf("%d ", x);
        }
    }
    printf("%d\n", x);
    return 0;
}
// expect: 2 3 4 2

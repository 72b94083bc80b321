int main(void) {
    int a = 0, i, j, k;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++)
            for (k = 0; k < 3; k++)
                if (i != j)
                    if (j != k)
                        if (i != k) a++;
    printf("%d\n", a);
    return 0;
}
// expect: 6

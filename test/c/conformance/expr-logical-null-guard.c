int main(void) {
    int *p = 0;
    int x = 5;
    if (p && *p == 5) printf("no\n");
    if (!p || *p == 5) printf("guarded\n");
    p = &x;
    if (p && *p == 5) printf("yes\n");
    return 0;
}
// expect: guarded
// expect: yes

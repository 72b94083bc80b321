struct s { char c; int i; };
int main(void) {
    int arr[6];
    struct s v;
    struct s *p = &v;
    printf("%d %d %d %d\n", (int)sizeof arr[0], (int)sizeof(struct s), (int)sizeof *p, (int)sizeof p->c);
    printf("%d %d\n", (int)sizeof(int[3][2]), (int)sizeof "hello");
    return 0;
}
// expect: 4 8 8 1
// expect: 24 6

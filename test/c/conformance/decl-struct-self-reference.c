struct node { int value; struct node *next; };
struct node c = { 3, 0 };
struct node b = { 2, &c };
struct node a = { 1, &b };
int main(void) {
    struct node *n;
    int sum = 0;
    for (n = &a; n; n = n->next) sum = sum * 10 + n->value;
    printf("%d\n", sum);
    return 0;
}
// expect: 123

struct node { int value; struct node *next; };
struct node *push(struct node *head, int v) {
    struct node *n = malloc(sizeof(struct node));
    n->value = v;
    n->next = head;
    return n;
}
int main(void) {
    struct node *list = 0;
    struct node *it;
    int i;
    for (i = 1; i <= 5; i++) list = push(list, i * i);
    for (it = list; it != NULL; it = it->next) printf("%d ", it->value);
    printf("\n");
    while (list) {
        it = list->next;
        free(list);
        list = it;
    }
    return 0;
}
// expect: 25 16 9 4 1 

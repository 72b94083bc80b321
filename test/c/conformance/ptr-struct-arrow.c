struct account { int id; int balance; char owner[8]; };
void deposit(struct account *a, int amount) { a->balance += amount; }
int main(void) {
    struct account acct = { 7, 100, "ann" };
    struct account *p = &acct;
    deposit(p, 50);
    deposit(&acct, 25);
    printf("%d %d %s %c\n", p->id, acct.balance, p->owner, (*p).owner[2]);
    return 0;
}
// expect: 7 175 ann n

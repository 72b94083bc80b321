struct item { char name[8]; int qty; };
struct item stock[3] = { {"bolt", 10}, {"nut", 25}, {"gear", 3} };
int main(void) {
    int i, total = 0;
    struct item *low = stock;
    for (i = 0; i < 3; i++) {
        total += stock[i].qty;
        if (stock[i].qty < low->qty) low = &stock[i];
    }
    printf("%d %s %c\n", total, low->name, stock[1].name[2]);
    return 0;
}
// expect: 38 gear t

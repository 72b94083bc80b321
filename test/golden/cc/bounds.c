int table[20];

int lookup(int i) {
    return table[i];
}

int main(void) {
    int *p = table;
    p[3] = lookup(2);
    return 0;
}

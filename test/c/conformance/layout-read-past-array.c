/* The lesson's bug: the index comes from data, and nobody checks it. */
char names[2][8] = { "init", "svc" };
char secret[8] = "hunter2";
int main(void) {
    int index = 2;
    printf("%s\n", names[0] + 8 * index);
    return 0;
}
// oracle: skip
// expect: hunter2

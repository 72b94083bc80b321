int noisy(void) { printf("called\n"); return 1; }
int main(void) {
    (void)noisy();
    (void)0;
    return 0;
}
// expect: called

int main(void) {
    printf("[%05d][%08x][%03u][%05d]\n", 42, 0xbeef, 7, -42);
    return 0;
}
// expect: [00042][0000beef][007][-0042]

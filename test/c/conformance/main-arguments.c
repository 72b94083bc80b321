/* int main(int argc, char **argv): crt0 passes one argument, the program's name, and argv ends in NULL. */
int main(int argc, char *argv[]) {
    printf("%d %s %d\n", argc, argv[0], argv[argc] == NULL);
    return argc == 1 ? 0 : 1;
}
// expect: 1 main-arguments 1

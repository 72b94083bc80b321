struct s { int x; };
enum s wrong;
enum e { A };
enum e { B };
int main(void) { return 0; }
// expect error: 2:1 's' is a struct or union, not an enum
// expect error: 4:1 redefinition of 'enum e'

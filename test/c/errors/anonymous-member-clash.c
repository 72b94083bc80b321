struct s {
    int word;
    union { int word; char c; };
};
int main(void) { return 0; }
// expect error: 3:5 duplicate member 'word'

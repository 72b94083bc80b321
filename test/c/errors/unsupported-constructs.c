struct s { int flag : 1; };
int log_it(const char *f, ...) { return 0; }
int main(void) {
    float x;
    return 0;
}
// expect error: 1:21 bit-fields are not supported in driver C
// expect error: 2:11 defining variadic functions ('...') is not supported in driver C
// expect error: 4:5 floating point ('float') is left out of driver C by design

int main(void) {
    int x = 5
    float y;
    return x + z;
}

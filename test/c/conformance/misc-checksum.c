unsigned checksum(const unsigned char *data, int n) {
    unsigned h = 2166136261u;
    int i;
    for (i = 0; i < n; i++) {
        h ^= data[i];
        h *= 16777619u;
    }
    return h;
}
int main(void) {
    printf("%x\n", checksum((const unsigned char *)"ringlab", 7));
    return 0;
}
// expect: c62490a

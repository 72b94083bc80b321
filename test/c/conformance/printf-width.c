int main(void) {
    printf("[%5d][%5s][%3c][%1d]\n", 42, "ab", 'x', 12345);
    printf("[%-5d][%-6s][%-3x]\n", 42, "ab", 10);
    return 0;
}
// expect: [   42][   ab][  x][12345]
// expect: [42   ][ab    ][a  ]

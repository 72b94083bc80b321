/* Wide and Unicode character constants: L'x' (wchar_t), U'x' (char32_t) and u'x' (char16_t) are the
   character's code, u8'x' an unsigned char. Wide strings are left out. */
int main(void) {
    printf("%d %d %d %d %d %d\n", L'a', L'\0', U'\x1F600', u'\x1234', u8'\xff', '\xff');
    return L'\0';
}
// expect: 97 0 128512 4660 255 -1

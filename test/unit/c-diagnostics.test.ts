/**
 * Every diagnostic of the driver C compiler, with its exact message and caret: unsupported C, syntax
 * errors, type errors and the warnings for the classic traps. (Generated once from the compiler,
 * then reviewed; a changed message is a reviewed diff.)
 */
import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/shared/diagnostic";
import { compile } from "../../src/toolchain/c/index";

function diagnose(source: string): string {
  const result = compile(source, { file: "t.c" });
  return result.diagnostics.map((d) => formatDiagnostic(d, source)).join("\n");
}

const CASES: { what: string; source: string; expected: string }[] = [
  {
    what: "float type and constant",
    source: "int main(void) { float x = 1.5; return 0; }",
    expected: `
t.c:1:18: error: floating point ('float') is left out of driver C by design
  int main(void) { float x = 1.5; return 0; }
                   ^~~~~
  note: kernel code avoids the FPU (its registers are not saved on entry to the kernel); use integers, e.g. thousandths
t.c:1:28: error: floating-point constants are left out of driver C by design
  int main(void) { float x = 1.5; return 0; }
                             ^~~
  note: use integers, e.g. 1500 thousandths for 1.5`,
  },
  {
    what: "double",
    source: "int main(void) { double d; return 0; }",
    expected: `
t.c:1:18: error: floating point ('double') is left out of driver C by design
  int main(void) { double d; return 0; }
                   ^~~~~~
  note: kernel code avoids the FPU (its registers are not saved on entry to the kernel); use integers, e.g. thousandths`,
  },

  {
    what: "goto to an undeclared label",
    source: "int main(void) { goto end; return 0; }",
    expected: `
t.c:1:18: error: use of undeclared label 'end'
  int main(void) { goto end; return 0; }
                   ^~~~`,
  },
  {
    what: "duplicate label",
    source: "int main(void) {\n  again: ;\n  again: return 0;\n}",
    expected: `
t.c:3:3: error: redefinition of label 'again'
    again: return 0;
    ^~~~~`,
  },
  {
    what: "label in an if without braces (valid C)",
    source: "int main(void) {\n  if (0) done: return 1;\n  goto done;\n}",
    expected: `
`,
  },

  {
    what: "union tag used as a struct",
    source: "union u { int a; char b; };\nstruct u *p;\nint main(void) { return 0; }",
    expected: `
t.c:2:1: error: 'u' is a union tag, not a struct tag
  struct u *p;
  ^~~~~~`,
  },
  {
    what: "excess elements in a union initializer",
    source: "union u { int a; char b; };\nunion u x = {1, 2};\nint main(void) { return 0; }",
    expected: `
t.c:2:17: error: excess elements in union initializer
  union u x = {1, 2};
                  ^`,
  },

  {
    what: "function pointer of the wrong type",
    source: "int f(int x) { return x; }\nint main(void) { int (*fp)(int, int) = f; return 0; }",
    expected: `
t.c:2:40: error: incompatible pointer types initializing 'int (*)(int, int)' with an expression of type 'int (*)(int)'
  int main(void) { int (*fp)(int, int) = f; return 0; }
                                         ^
  note: add a cast if this is meant`,
  },
  {
    what: "function as an int",
    source: "int f(void) { return 1; }\nint main(void) { int x = f; return x; }",
    expected: `
t.c:2:26: error: incompatible pointer to integer conversion initializing 'int' with an expression of type 'int (*)(void)'
  int main(void) { int x = f; return x; }
                           ^
  note: add a cast if this is meant`,
  },
  {
    what: "arithmetic on a function pointer",
    source: "int main(void) { int (*p)(void) = main; return (p + 1) != 0; }",
    expected: `
t.c:1:51: error: arithmetic on a pointer to a function
  int main(void) { int (*p)(void) = main; return (p + 1) != 0; }
                                                    ^`,
  },

  {
    what: "struct by value parameter of incomplete type",
    source: "struct s;\nint f(struct s v);\nint main(void) { return 0; }",
    expected: `
t.c:2:16: error: parameter has incomplete type 'struct s'
  int f(struct s v);
                 ^`,
  },

  {
    what: "a struct result is a value, not an object",
    source:
      "struct s { int a; };\nstruct s make(void) { struct s v = {1}; return v; }\nint main(void) { make().a = 2; return &make().a != 0; }",
    expected: `
t.c:3:25: error: the left side of an assignment must be a variable or other lvalue
  int main(void) { make().a = 2; return &make().a != 0; }
                          ^
t.c:3:39: error: cannot take the address of a value that is not an lvalue
  int main(void) { make().a = 2; return &make().a != 0; }
                                        ^`,
  },
  {
    what: "calling a function whose struct result is incomplete",
    source: "struct s;\nstruct s make(void);\nint main(void) { make(); return 0; }",
    expected: `
t.c:3:18: error: calling a function with incomplete result type 'struct s'
  int main(void) { make(); return 0; }
                   ^~~~
t.c:3:18: error: function 'make' is declared but never defined
  int main(void) { make(); return 0; }
                   ^~~~
  note: define it, or remove the call`,
  },
  {
    what: "long long long",
    source: "int main(void) { long long long big = 1; return 0; }",
    expected: `
t.c:1:18: error: 'long long long' is too long: the widest integer type is 'long long' (64 bits)
  int main(void) { long long long big = 1; return 0; }
                   ^~~~`,
  },

  {
    what: "long long suffix in mixed case",
    source: "int main(void) { long long x = 5lL; return x; }",
    expected: `
t.c:1:32: error: invalid suffix 'lL' on integer constant
  int main(void) { long long x = 5lL; return x; }
                                 ^~~`,
  },
  {
    what: "switch on a 64-bit value",
    source: "int main(void) { long long v = 3; switch (v) { case 1: return 1; } return 0; }",
    expected: `
t.c:1:43: error: switch on a 64-bit value ('long long') is not supported in driver C
  int main(void) { long long v = 3; switch (v) { case 1: return 1; } return 0; }
                                            ^
  note: compare with if and else, or switch on a 32-bit part of it`,
  },
  {
    what: "64-bit shift counts",
    source: "int main(void) { long long v = 3; return (int)(v << 64) + (1 << 40LL); }",
    expected: `
t.c:1:53: warning: shift count 64 is not less than the width of the type (64)
  int main(void) { long long v = 3; return (int)(v << 64) + (1 << 40LL); }
                                                      ^~
t.c:1:65: warning: shift count 40 is not less than the width of the type (32)
  int main(void) { long long v = 3; return (int)(v << 64) + (1 << 40LL); }
                                                                  ^~~~`,
  },

  {
    what: "qualifiers inside [] of a parameter are C99 (valid); elsewhere an error",
    source:
      "void f(int x[const 5]);\nvoid g(int y[static 3]) { }\nint a[static 2];\nint main(void) { return 0; }",
    expected: `
t.c:3:6: error: 'static' and qualifiers inside '[]' belong only to a parameter's outermost array
  int a[static 2];
       ^`,
  },
  {
    what: "an unsupported struct member: one error, no echo",
    source:
      "int helper(int x) { return x + 1; }\nstruct flags {\n    int ready : 1;\n    float ratio;\n    int count;\n};\nint main(void) {\n    struct flags f;\n    f.count = helper(2);\n    f.ready = 1;\n    return f.count;\n}",
    expected: `
t.c:3:15: error: bit-fields are not supported in driver C
      int ready : 1;
                ^
  note: use a whole int and masks
t.c:4:5: error: floating point ('float') is left out of driver C by design
      float ratio;
      ^~~~~
  note: kernel code avoids the FPU (its registers are not saved on entry to the kernel); use integers, e.g. thousandths`,
  },

  {
    what: "bit-fields",
    source: "struct s { int a : 3; };\nint main(void) { return 0; }",
    expected: `
t.c:1:18: error: bit-fields are not supported in driver C
  struct s { int a : 3; };
                   ^
  note: use a whole int and masks`,
  },
  {
    what: "designator out of range",
    source: "int main(void) { int a[4] = { [4] = 1 }; return a[0]; }",
    expected: `
t.c:1:31: error: array designator index 4 is outside the array (which has 4 elements)
  int main(void) { int a[4] = { [4] = 1 }; return a[0]; }
                                ^`,
  },
  {
    what: "designated then positional past the end (the issue's case is valid C)",
    source: "int a[] = {5, [2] = 2, 3};\nint b[3] = {[2] = 1, 2};\nint main(void) { return a[3]; }",
    expected: `
t.c:2:22: error: excess elements in array initializer
  int b[3] = {[2] = 1, 2};
                       ^`,
  },

  {
    what: "compound literals of a type that is not a complete object type",
    source: "struct t;\nint main(void) { int *p = (void){0}; struct t *q = &(struct t){0}; return 0; }",
    expected: `
t.c:2:27: error: a compound literal needs a complete object type, not 'void'
  int main(void) { int *p = (void){0}; struct t *q = &(struct t){0}; return 0; }
                            ^
t.c:2:53: error: a compound literal needs a complete object type, not 'struct t'
  int main(void) { int *p = (void){0}; struct t *q = &(struct t){0}; return 0; }
                                                      ^`,
  },
  {
    what: "a compound literal in a function is automatic: not a static's initializer (as in C)",
    source: "int main(void) { static int *p = (int[]){1, 2}; return *p; }",
    expected: `
t.c:1:34: error: initializer element is not a compile-time constant
  int main(void) { static int *p = (int[]){1, 2}; return *p; }
                                   ^
  note: globals and statics take constants and addresses of globals`,
  },
  {
    what: "compound literal with more elements than its array",
    source: "int main(void) { return (int[2]){1, 2, 3}[0]; }",
    expected: `
t.c:1:40: error: excess elements in array initializer
  int main(void) { return (int[2]){1, 2, 3}[0]; }
                                         ^`,
  },
  {
    what: "variadic definition",
    source: "int f(int x, ...) { return x; }\nint main(void) { return 0; }",
    expected: `
t.c:1:6: error: defining variadic functions ('...') is not supported in driver C
  int f(int x, ...) { return x; }
       ^`,
  },
  {
    what: "#error",
    source: "#if VERSION > 2\nint main(void) { return 0; }\n#else\n#error need a newer version\n#endif",
    expected: `
t.c:4:1: error: #error need a newer version
  #error need a newer version
  ^~~~~~`,
  },
  {
    what: "unterminated #ifdef",
    source: "#ifdef DEBUG\nint main(void) { return 0; }\n",
    expected: `
t.c:1:1: error: unterminated '#ifdef': no '#endif' for it
  #ifdef DEBUG
  ^~~~~~`,
  },
  {
    what: "#endif without #if",
    source: "int main(void) { return 0; }\n#endif\n",
    expected: `
t.c:2:1: error: '#endif' without '#if'
  #endif
  ^~~~~~`,
  },
  {
    what: "division by zero in #if",
    source: "#if 1 / 0\n#endif\nint main(void) { return 0; }",
    expected: `
t.c:1:7: error: division by zero in a preprocessor condition
  #if 1 / 0
        ^`,
  },
  {
    what: "unknown directive",
    source: "#foo\nint main(void) { return 0; }",
    expected: `
t.c:1:1: error: '#foo' is not a preprocessor directive of driver C
  #foo
  ^~~~
  note: driver C has #define, #undef, #include, #if, #ifdef, #ifndef, #elif, #else, #endif, #error, #warning, #line and #pragma`,
  },
  {
    what: "other headers",
    source: "#include <windows.h>\nint main(void) { return 0; }",
    expected: `
t.c:1:10: error: cannot include 'windows.h': a driver C program is one file, with the headers Ringlab provides
  #include <windows.h>
           ^~~~~~~~~~~
  note: the headers are <ringlab.h> <stdio.h> <stdlib.h> <string.h> <stddef.h> <stdint.h> <stdbool.h> <ctype.h> <limits.h>`,
  },
  {
    what: "macro argument count",
    source: "#define SQ(x) ((x)*(x))\nint main(void) { return SQ(1, 2); }",
    expected: `
t.c:2:25: error: macro 'SQ' takes 1 argument, but 2 were given
  int main(void) { return SQ(1, 2); }
                          ^~`,
  },
  {
    what: "unterminated macro call",
    source: "#define SQ(x) ((x)*(x))\nint main(void) { return SQ(1; }",
    expected: `
t.c:2:25: error: unterminated argument list invoking macro 'SQ'
  int main(void) { return SQ(1; }
                          ^~
t.c:2:32: error: expected ';' at end of file
  int main(void) { return SQ(1; }
                                 ^
t.c:2:32: error: expected '}' to close the block at end of file
  int main(void) { return SQ(1; }
                                 ^`,
  },
  {
    what: "'#' without a parameter",
    source: "#define S(x) #y\nint main(void) { return 0; }",
    expected: `
t.c:1:14: error: '#' is not followed by a macro parameter
  #define S(x) #y
               ^`,
  },
  {
    what: "bad paste",
    source: "#define CAT(a, b) a ## b\nint main(void) { int x = CAT(1, +); return x; }",
    expected: `
t.c:2:26: error: pasting '1' and '+' does not give a valid token
  int main(void) { int x = CAT(1, +); return x; }
                           ^~~
  note: '##' must make one name, number or operator`,
  },
  {
    what: "octal escape out of range",
    source: "int main(void) { return '\\777'; }",
    expected: `
t.c:1:26: error: octal escape sequence '\\777' is out of range (the largest is '\\377')
  int main(void) { return '\\777'; }
                           ^~~~`,
  },
  {
    what: "hex escape out of range",
    source: 'int main(void) { char *s = "\\x1ff"; return s[0]; }',
    expected: `
t.c:1:29: error: hex escape sequence '\\x1ff' is out of range (the largest is '\\xff')
  int main(void) { char *s = "\\x1ff"; return s[0]; }
                              ^~~~~`,
  },
  {
    what: "wide string literal",
    source: 'int main(void) { return L"ab"[0]; }',
    expected: `
t.c:1:25: error: wide string literals ('L"') are not supported in driver C
  int main(void) { return L"ab"[0]; }
                          ^~
  note: driver C strings are bytes: leave the prefix out`,
  },
  {
    what: "a wide character constant's escape beyond char16_t",
    source: "int main(void) { return u'\\x12345'; }",
    expected: `
t.c:1:27: error: hex escape sequence '\\x12345' is out of range (the largest is '\\xffff')
  int main(void) { return u'\\x12345'; }
                            ^~~~~~~`,
  },
  {
    what: "invalid literal in a skipped group is fine",
    source: "#if 0\nit's not C: 1.5 'ab' \"\n#endif\nint main(void) { return 0; }",
    expected: `
`,
  },

  {
    what: "macro redefinition",
    source: "#define N 1\n#define N 2\nint main(void) { return N; }",
    expected: `
t.c:2:9: error: macro 'N' redefined with a different value
  #define N 2
          ^`,
  },
  {
    what: "undeclared identifier with suggestion",
    source: "int main(void) { int count = 1; return cuont; }",
    expected: `
t.c:1:40: error: use of undeclared identifier 'cuont'
  int main(void) { int count = 1; return cuont; }
                                         ^~~~~
  note: did you mean 'count'?`,
  },
  {
    what: "undeclared function with suggestion",
    source: 'int main(void) { char b[4]; strcpyy(b, "x"); return 0; }',
    expected: `
t.c:1:29: error: call to undeclared function 'strcpyy'
  int main(void) { char b[4]; strcpyy(b, "x"); return 0; }
                              ^~~~~~~
  note: did you mean 'strcpy'?`,
  },
  {
    what: "call to undeclared function",
    source: "int main(void) { launch(3); return 0; }",
    expected: `
t.c:1:18: error: call to undeclared function 'launch'
  int main(void) { launch(3); return 0; }
                   ^~~~~~
  note: declare it (or define it) before this call`,
  },
  {
    what: "missing semicolon",
    source: "int main(void) {\n  int x = 5\n  return x;\n}",
    expected: `
t.c:2:12: error: expected ';' before 'return'
    int x = 5
             ^`,
  },
  {
    what: "missing expression",
    source: "int main(void) { int x; x = ; return 0; }",
    expected: `
t.c:1:29: error: expected an expression before ';'
  int main(void) { int x; x = ; return 0; }
                              ^`,
  },
  {
    what: "unterminated string",
    source: 'int main(void) {\n  char *s = "abc;\n  return 0;\n}',
    expected: `
t.c:2:13: error: missing terminating '"' character
    char *s = "abc;
              ^~~~~
t.c:2:18: error: expected ';' before 'return'
    char *s = "abc;
                   ^`,
  },
  {
    what: "empty character constant",
    source: "int main(void) { char c = ''; return c; }",
    expected: `
t.c:1:27: error: empty character constant
  int main(void) { char c = ''; return c; }
                            ^~`,
  },
  {
    what: "multi-character constant",
    source: "int main(void) { int c = 'ab'; return c; }",
    expected: `
t.c:1:26: error: multi-character character constants are not supported
  int main(void) { int c = 'ab'; return c; }
                           ^~~~`,
  },
  {
    what: "unknown escape",
    source: 'int main(void) { char *s = "\\q"; return 0; }',
    expected: `
t.c:1:29: error: unknown escape sequence '\\q'
  int main(void) { char *s = "\\q"; return 0; }
                              ^~`,
  },
  {
    what: "unexpected character",
    source: "int main(void) { int x = 0; x = x @ 1; return 0; }",
    expected: `
t.c:1:35: error: unexpected character '@'
  int main(void) { int x = 0; x = x @ 1; return 0; }
                                    ^
t.c:1:37: error: expected ';' before '1'
  int main(void) { int x = 0; x = x @ 1; return 0; }
                                      ^`,
  },
  {
    what: "unterminated comment",
    source: "int main(void) { return 0; }\n/* never closed",
    expected: `
t.c:2:1: error: unterminated comment: '/*' has no matching '*/'
  /* never closed
  ^~`,
  },
  {
    what: "bad octal",
    source: "int main(void) { int a = 09; return a; }",
    expected: `
t.c:1:26: error: invalid suffix '9' on integer constant
  int main(void) { int a = 09; return a; }
                           ^~`,
  },
  {
    what: "constant too large",
    source: "int main(void) { long long a = 10000000000000000000; return 0; }",
    expected: `
t.c:1:32: error: integer constant '10000000000000000000' is too large for 'long long'
  int main(void) { long long a = 10000000000000000000; return 0; }
                                 ^~~~~~~~~~~~~~~~~~~~
  note: write '10000000000000000000ull' for an unsigned constant`,
  },
  {
    what: "constant too large for 64 bits",
    source: "int main(void) { unsigned long long a = 0x10000000000000000; return 0; }",
    expected: `
t.c:1:41: error: integer constant '0x10000000000000000' is too large for 64 bits
  int main(void) { unsigned long long a = 0x10000000000000000; return 0; }
                                          ^~~~~~~~~~~~~~~~~~~`,
  },
  {
    what: "array assignment",
    source: "int main(void) { int a[3]; int b[3]; a = b; return 0; }",
    expected: `
t.c:1:38: error: arrays cannot be assigned: 'int [3]'
  int main(void) { int a[3]; int b[3]; a = b; return 0; }
                                       ^
  note: copy the elements, e.g. with memcpy or strcpy`,
  },
  {
    what: "assignment to const",
    source: "int main(void) { const int c = 1; c = 2; return c; }",
    expected: `
t.c:1:35: error: cannot assign to 'c': it has const-qualified type 'const int'
  int main(void) { const int c = 1; c = 2; return c; }
                                    ^`,
  },
  {
    what: "assignment through pointer to const",
    source: "int main(void) { int x = 1; const int *p = &x; *p = 2; return x; }",
    expected: `
t.c:1:48: error: cannot assign to an object: it has const-qualified type 'const int'
  int main(void) { int x = 1; const int *p = &x; *p = 2; return x; }
                                                 ^`,
  },
  {
    what: "not an lvalue",
    source: "int main(void) { 5 = 3; return 0; }",
    expected: `
t.c:1:18: error: the left side of an assignment must be a variable or other lvalue
  int main(void) { 5 = 3; return 0; }
                   ^`,
  },
  {
    what: "increment of non-lvalue",
    source: "int main(void) { int x = 1; (x + 1)++; return x; }",
    expected: `
t.c:1:32: error: the operand of '++' must be a variable or other lvalue
  int main(void) { int x = 1; (x + 1)++; return x; }
                                 ^`,
  },
  {
    what: "integer to pointer",
    source: "int main(void) { int x = 1; int *p = x; return *p; }",
    expected: `
t.c:1:38: error: incompatible integer to pointer conversion initializing 'int *' with an expression of type 'int'
  int main(void) { int x = 1; int *p = x; return *p; }
                                       ^
  note: add a cast if this is meant`,
  },
  {
    what: "pointer to integer",
    source: "int main(void) { int x = 1; int y = &x; return y; }",
    expected: `
t.c:1:37: error: incompatible pointer to integer conversion initializing 'int' with an expression of type 'int *'
  int main(void) { int x = 1; int y = &x; return y; }
                                      ^
  note: add a cast if this is meant`,
  },
  {
    what: "incompatible pointer types",
    source: "int main(void) { int *p; char c = 1; p = &c; return 0; }",
    expected: `
t.c:1:40: error: incompatible pointer types assigning to 'int *' from 'char *'
  int main(void) { int *p; char c = 1; p = &c; return 0; }
                                         ^
  note: add a cast if this is meant`,
  },
  {
    what: "incompatible struct types",
    source:
      "struct a { int x; };\nstruct b { int x; };\nint main(void) { struct a s; struct b t; t.x = 1; s = t; return s.x; }",
    expected: `
t.c:3:53: error: incompatible types assigning to 'struct a' from 'struct b'
  int main(void) { struct a s; struct b t; t.x = 1; s = t; return s.x; }
                                                      ^`,
  },
  {
    what: "discarding const",
    source: 'int main(void) { const char *s = "x"; char *t = s; return t[0]; }',
    expected: `
t.c:1:49: warning: initializing 'char *' with an expression of type 'const char *' discards the 'const' qualifier
  int main(void) { const char *s = "x"; char *t = s; return t[0]; }
                                                  ^`,
  },
  {
    what: "pointer sign mismatch",
    source: "int main(void) { unsigned char b[2]; char *p = b; return p[0]; }",
    expected: `
t.c:1:48: warning: initializing 'char *' with an expression of type 'unsigned char *' converts between pointers to integer types with different sign
  int main(void) { unsigned char b[2]; char *p = b; return p[0]; }
                                                 ^`,
  },
  {
    what: "called object not a function",
    source: "int main(void) { int x = 3; return x(); }",
    expected: `
t.c:1:36: error: called object type 'int' is not a function or function pointer
  int main(void) { int x = 3; return x(); }
                                     ^`,
  },
  {
    what: "too many arguments through a function pointer",
    source: "int main(void) { int (*p)(int) = 0; return p(1, 2); }",
    expected: `
t.c:1:49: error: too many arguments to function call: 'p' expects 1, given 2
  int main(void) { int (*p)(int) = 0; return p(1, 2); }
                                                  ^
  note: declared as 'int p(int)'`,
  },

  {
    what: "too few arguments",
    source: "int f(int a, int b);\nint main(void) { return f(1); }\nint f(int a, int b) { return a + b; }",
    expected: `
t.c:2:27: error: too few arguments to function call: 'f' expects 2, given 1
  int main(void) { return f(1); }
                            ^
  note: declared as 'int f(int, int)'`,
  },
  {
    what: "too many arguments",
    source: "int f(int a) { return a; }\nint main(void) { return f(1, 2); }",
    expected: `
t.c:2:30: error: too many arguments to function call: 'f' expects 1, given 2
  int main(void) { return f(1, 2); }
                               ^
  note: declared as 'int f(int)'`,
  },
  {
    what: "argument type",
    source: "void f(int *p) { *p = 1; }\nint main(void) { f(5); return 0; }",
    expected: `
t.c:2:20: error: incompatible integer to pointer conversion passing 'int' to parameter 1 of 'f' of type 'int *'
  int main(void) { f(5); return 0; }
                     ^
  note: add a cast if this is meant`,
  },
  {
    what: "no such member",
    source: "struct point { int x; int y; };\nint main(void) { struct point p; p.z = 1; return 0; }",
    expected: `
t.c:2:36: error: no member named 'z' in 'struct point'
  int main(void) { struct point p; p.z = 1; return 0; }
                                     ^`,
  },
  {
    what: "member of non-struct",
    source: "int main(void) { int x = 0; return x.y; }",
    expected: `
t.c:1:37: error: '.' needs a struct, not 'int'
  int main(void) { int x = 0; return x.y; }
                                      ^`,
  },
  {
    what: "dot on a pointer",
    source: "struct p { int x; };\nint main(void) { struct p v; struct p *q = &v; return q.x; }",
    expected: `
t.c:2:56: error: '.' needs a struct, not 'struct p *'
  int main(void) { struct p v; struct p *q = &v; return q.x; }
                                                         ^
  note: use '->'`,
  },
  {
    what: "arrow on a struct",
    source: "struct p { int x; };\nint main(void) { struct p v; v.x = 1; return v->x; }",
    expected: `
t.c:2:47: error: '->' needs a pointer to a struct, not 'struct p'
  int main(void) { struct p v; v.x = 1; return v->x; }
                                                ^~
  note: use '.'`,
  },
  {
    what: "incomplete struct member access",
    source: "struct hidden;\nint f(struct hidden *h) { return h->x; }\nint main(void) { return 0; }",
    expected: `
t.c:2:35: error: 'struct hidden' is incomplete: its members are not known here
  int f(struct hidden *h) { return h->x; }
                                    ^~`,
  },
  {
    what: "dereference of non-pointer",
    source: "int main(void) { int x = 1; return *x; }",
    expected: `
t.c:1:36: error: indirection requires a pointer operand ('int' invalid)
  int main(void) { int x = 1; return *x; }
                                     ^`,
  },
  {
    what: "dereference of void pointer",
    source: "int main(void) { int x = 1; void *p = &x; return *p; }",
    expected: `
t.c:1:50: error: dereferencing a 'void *' pointer
  int main(void) { int x = 1; void *p = &x; return *p; }
                                                   ^
  note: cast it to a pointer to a real type first`,
  },
  {
    what: "void pointer arithmetic",
    source: "int main(void) { int x = 1; void *p = &x; p = p + 1; return 0; }",
    expected: `
t.c:1:49: error: arithmetic on a pointer to void
  int main(void) { int x = 1; void *p = &x; p = p + 1; return 0; }
                                                  ^
  note: cast it to 'char *' first`,
  },
  {
    what: "subscript of non-array",
    source: "int main(void) { int x = 1; return x[0]; }",
    expected: `
t.c:1:37: error: subscripted value is not an array or pointer ('int')
  int main(void) { int x = 1; return x[0]; }
                                      ^`,
  },
  {
    what: "subscript not an integer",
    source: "int main(void) { int a[2]; int *p = a; return a[p]; }",
    expected: `
t.c:1:49: error: array subscript is not an integer ('int *')
  int main(void) { int a[2]; int *p = a; return a[p]; }
                                                  ^`,
  },
  {
    what: "invalid operands",
    source: 'int main(void) { char *p = "x"; int n = p * 2; return n; }',
    expected: `
t.c:1:43: error: invalid operands to binary '*' ('char *' and 'int')
  int main(void) { char *p = "x"; int n = p * 2; return n; }
                                            ^`,
  },
  {
    what: "pointer and integer comparison",
    source: "int main(void) { int *p = 0; return p < 5; }",
    expected: `
t.c:1:39: error: comparison between pointer and integer ('int *' and 'int')
  int main(void) { int *p = 0; return p < 5; }
                                        ^
  note: compare with NULL, or cast one side`,
  },
  {
    what: "pointer difference of different types",
    source: "int main(void) { int a; char b; return &a - &b; }",
    expected: `
t.c:1:43: error: '-' between pointers to different types ('int *' and 'char *')
  int main(void) { int a; char b; return &a - &b; }
                                            ^`,
  },
  {
    what: "break outside loop",
    source: "int main(void) { break; return 0; }",
    expected: `
t.c:1:18: error: 'break' statement not in a loop or switch
  int main(void) { break; return 0; }
                   ^~~~~`,
  },
  {
    what: "continue outside loop",
    source: "int main(void) { int x = 1; switch (x) { case 1: continue; } return 0; }",
    expected: `
t.c:1:50: error: 'continue' statement not in a loop
  int main(void) { int x = 1; switch (x) { case 1: continue; } return 0; }
                                                   ^~~~~~~~`,
  },
  {
    what: "case outside switch",
    source: "int main(void) { case 1: return 0; }",
    expected: `
t.c:1:18: error: 'case' label not in a switch statement
  int main(void) { case 1: return 0; }
                   ^~~~`,
  },
  {
    what: "default outside switch",
    source: "int main(void) { default: return 0; }",
    expected: `
t.c:1:18: error: 'default' label not in a switch statement
  int main(void) { default: return 0; }
                   ^~~~~~~`,
  },
  {
    what: "duplicate case",
    source: "int main(void) { int x = 1; switch (x) { case 1: case 1: break; } return 0; }",
    expected: `
t.c:1:55: error: duplicate case value '1'
  int main(void) { int x = 1; switch (x) { case 1: case 1: break; } return 0; }
                                                        ^`,
  },
  {
    what: "two defaults",
    source: "int main(void) { int x = 1; switch (x) { default: break; default: break; } return 0; }",
    expected: `
t.c:1:58: error: multiple default labels in one switch
  int main(void) { int x = 1; switch (x) { default: break; default: break; } return 0; }
                                                           ^~~~~~~`,
  },
  {
    what: "case not constant",
    source: "int main(void) { int x = 1, y = 2; switch (x) { case y: break; } return 0; }",
    expected: `
t.c:1:54: error: a case label must be an integer constant expression
  int main(void) { int x = 1, y = 2; switch (x) { case y: break; } return 0; }
                                                       ^`,
  },
  {
    what: "switch on pointer",
    source: "int main(void) { int *p = 0; switch (p) { default: break; } return 0; }",
    expected: `
t.c:1:38: error: switch needs an integer, not 'int *'
  int main(void) { int *p = 0; switch (p) { default: break; } return 0; }
                                       ^`,
  },
  {
    what: "return value from void function",
    source: "void f(void) { return 1; }\nint main(void) { return 0; }",
    expected: `
t.c:1:23: error: void function 'f' should not return a value
  void f(void) { return 1; }
                        ^`,
  },
  {
    what: "missing return value",
    source: "int f(void) { return; }\nint main(void) { return 0; }",
    expected: `
t.c:1:15: error: non-void function 'f' should return a value
  int f(void) { return; }
                ^~~~~~`,
  },
  {
    what: "redefinition of a variable",
    source: "int main(void) { int x = 1; int x = 2; return x; }",
    expected: `
t.c:1:33: error: redefinition of 'x'
  int main(void) { int x = 1; int x = 2; return x; }
                                  ^`,
  },
  {
    what: "redefinition of a global",
    source: "int x = 1;\nint x = 2;\nint main(void) { return x; }",
    expected: `
t.c:2:5: error: redefinition of 'x'
  int x = 2;
      ^`,
  },
  {
    what: "redefinition of a function",
    source: "int f(void) { return 1; }\nint f(void) { return 2; }\nint main(void) { return f(); }",
    expected: `
t.c:2:5: error: redefinition of function 'f'
  int f(void) { return 2; }
      ^`,
  },
  {
    what: "conflicting types",
    source: "int f(void);\nchar f(void);\nint main(void) { return 0; }",
    expected: `
t.c:2:6: error: conflicting types for 'f': 'char (void)' here, 'int (void)' before
  char f(void);
       ^`,
  },
  {
    what: "redeclared as a different kind",
    source: "int f;\nint f(void);\nint main(void) { return 0; }",
    expected: `
t.c:2:5: error: 'f' redeclared as a different kind of symbol
  int f(void);
      ^`,
  },
  {
    what: "no main",
    source: "int helper(void) { return 1; }",
    expected: `
t.c:1:1: error: no 'main' function: every program and driver starts at 'int main(void)'
  int helper(void) { return 1; }
  ^`,
  },
  {
    what: "main signature",
    source: "void main(void) { }",
    expected: `
t.c:1:6: error: 'main' must be declared 'int main(void)' or 'int main(int argc, char **argv)'
  void main(void) { }
       ^~~~`,
  },
  {
    what: "main with arguments of the wrong types",
    source: "int main(int argc, char *argv) { return 0; }",
    expected: `
t.c:1:5: error: 'main' must be declared 'int main(void)' or 'int main(int argc, char **argv)'
  int main(int argc, char *argv) { return 0; }
      ^~~~`,
  },
  {
    what: "zero-length array",
    source: "int main(void) { int a[0]; return 0; }",
    expected: `
t.c:1:24: error: zero-length arrays are not supported
  int main(void) { int a[0]; return 0; }
                         ^`,
  },
  {
    what: "negative array size",
    source: "int main(void) { int a[-2]; return 0; }",
    expected: `
t.c:1:24: error: array size is negative
  int main(void) { int a[-2]; return 0; }
                         ^`,
  },
  {
    what: "non-constant array size",
    source: "int main(void) { int n = 4; int a[n]; return 0; }",
    expected: `
t.c:1:35: error: an array size must be an integer constant expression
  int main(void) { int n = 4; int a[n]; return 0; }
                                    ^`,
  },
  {
    what: "array without size",
    source: "int main(void) { int a[]; return 0; }",
    expected: `
t.c:1:22: error: array 'a' has no size
  int main(void) { int a[]; return 0; }
                       ^
  note: give a length or an initializer`,
  },
  {
    what: "initializer string too long",
    source: 'int main(void) { char s[2] = "abc"; return s[0]; }',
    expected: `
t.c:1:30: error: initializer-string for char array is too long (4 bytes for 2)
  int main(void) { char s[2] = "abc"; return s[0]; }
                               ^~~~~`,
  },
  {
    what: "excess array initializers",
    source: "int main(void) { int a[2] = {1, 2, 3}; return a[0]; }",
    expected: `
t.c:1:36: error: excess elements in array initializer
  int main(void) { int a[2] = {1, 2, 3}; return a[0]; }
                                     ^`,
  },
  {
    what: "excess scalar initializers",
    source: "int main(void) { int a = {1, 2}; return a; }",
    expected: `
t.c:1:30: error: excess elements in scalar initializer
  int main(void) { int a = {1, 2}; return a; }
                               ^`,
  },
  {
    what: "array initialized from a scalar",
    source: "int main(void) { int a[2] = 5; return a[0]; }",
    expected: `
t.c:1:29: error: array 'int [2]' must be initialized with a braced list
  int main(void) { int a[2] = 5; return a[0]; }
                              ^`,
  },
  {
    what: "non-constant global initializer",
    source: "int f(void) { return 1; }\nint x = 2;\nint y = x + 1;\nint main(void) { return y; }",
    expected: `
t.c:3:11: error: initializer element is not a compile-time constant
  int y = x + 1;
            ^
  note: globals and statics take constants and addresses of globals`,
  },
  {
    what: "incomplete variable type",
    source: "struct later;\nstruct later v;\nint main(void) { return 0; }",
    expected: `
t.c:2:14: error: variable 'v' has incomplete type 'struct later'
  struct later v;
               ^`,
  },
  {
    what: "sizeof incomplete type",
    source: "int main(void) { return sizeof(struct nope); }",
    expected: `
t.c:1:25: error: invalid application of 'sizeof' to incomplete type 'struct nope'
  int main(void) { return sizeof(struct nope); }
                          ^~~~~~~~~~~~~~~~~~~`,
  },
  {
    what: "sizeof void",
    source: "int main(void) { return sizeof(void); }",
    expected: `
t.c:1:25: error: invalid application of 'sizeof' to incomplete type 'void'
  int main(void) { return sizeof(void); }
                          ^~~~~~~~~~~~`,
  },
  {
    what: "declared but never defined",
    source: "int f(int);\nint main(void) { return f(1); }",
    expected: `
t.c:2:25: error: function 'f' is declared but never defined
  int main(void) { return f(1); }
                          ^
  note: define it, or remove the call`,
  },
  {
    what: "extern never defined",
    source: "extern int counter;\nint main(void) { return counter; }",
    expected: `
t.c:2:25: error: variable 'counter' is declared 'extern' but never defined
  int main(void) { return counter; }
                          ^~~~~~~
  note: define it in this file`,
  },
  {
    what: "redefining a kernel API service",
    source: "void exit(int code) { }\nint main(void) { return 0; }",
    expected: `
t.c:1:6: error: 'exit' is a kernel API service: a program cannot define it
  void exit(int code) { }
       ^~~~
  note: give your function another name`,
  },
  {
    what: "void parameter",
    source: "int f(void x) { return 0; }\nint main(void) { return 0; }",
    expected: `
t.c:1:12: error: a parameter cannot have type 'void'
  int f(void x) { return 0; }
             ^
  note: write '(void)' for a function without parameters`,
  },
  {
    what: "unnamed parameter in a definition",
    source: "int f(int) { return 0; }\nint main(void) { return 0; }",
    expected: `
t.c:1:7: error: parameter 1 of 'f' has no name
  int f(int) { return 0; }
        ^~~`,
  },
  {
    what: "missing return type",
    source: "f(void) { return 0; }\nint main(void) { return 0; }",
    expected: `
t.c:1:1: error: missing return type for function 'f'
  f(void) { return 0; }
  ^
  note: write 'int f(...)' or 'void f(...)'`,
  },
  {
    what: "duplicate member",
    source: "struct s { int a; int a; };\nint main(void) { return 0; }",
    expected: `
t.c:1:23: error: duplicate member 'a'
  struct s { int a; int a; };
                        ^`,
  },
  {
    what: "empty struct",
    source: "struct s { };\nint main(void) { return 0; }",
    expected: `
t.c:1:1: error: a struct must have at least one member
  struct s { };
  ^~~~~~`,
  },
  {
    what: "unknown type name in parameter",
    source: "int f(size x) { return 0; }\nint main(void) { return 0; }",
    expected: `
t.c:1:7: error: unknown type name 'size'
  int f(size x) { return 0; }
        ^~~~`,
  },
  {
    what: "cast to struct",
    source: "struct p { int x; };\nint main(void) { int x = 1; struct p v = (struct p)x; return 0; }",
    expected: `
t.c:2:42: error: cannot cast to a struct type 'struct p'
  int main(void) { int x = 1; struct p v = (struct p)x; return 0; }
                                           ^`,
  },
  {
    what: "else without if",
    source: "int main(void) { else return 0; }",
    expected: `
t.c:1:18: error: 'else' without a matching 'if'
  int main(void) { else return 0; }
                   ^~~~`,
  },
  {
    what: "expression nested too deeply",
    source:
      "int main(void) { return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))); }",
    expected: `
t.c:1:125: error: expression is nested too deeply
  int main(void) { return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))); }
                                                                                                                              ^`,
  },
  {
    what: "constant index past the end",
    source: "int main(void) { int a[4]; a[4] = 1; return a[0]; }",
    expected: `
t.c:1:30: warning: array index 4 is past the end of the array (which contains 4 elements)
  int main(void) { int a[4]; a[4] = 1; return a[0]; }
                               ^`,
  },
  {
    what: "constant index before the start",
    source: "int main(void) { int a[4] = {0}; return a[-1]; }",
    expected: `
t.c:1:43: warning: array index -1 is before the beginning of the array
  int main(void) { int a[4] = {0}; return a[-1]; }
                                            ^`,
  },
  {
    what: "one past the end is fine for &",
    source: "int main(void) { int a[4]; int *end = &a[4]; return end == a; }",
    expected: `
`,
  },
  {
    what: "uninitialized local",
    source: "int main(void) {\n  int x;\n  int y = x + 1;\n  return y;\n}",
    expected: `
t.c:3:11: warning: variable 'x' is uninitialized when used here
    int y = x + 1;
            ^
  note: initialize 'x' where it is declared`,
  },
  {
    what: "uninitialized pointer",
    source: "int main(void) { int *p; return *p; }",
    expected: `
t.c:1:34: warning: variable 'p' is uninitialized when used here
  int main(void) { int *p; return *p; }
                                   ^
  note: initialize 'p' where it is declared`,
  },
  {
    what: "no false alarm for a loop",
    source:
      'int main(void) {\n  int i, last;\n  for (i = 0; i < 3; i++) {\n    if (i > 0) printf("%d\\n", last);\n    last = i;\n  }\n  return 0;\n}',
    expected: `
`,
  },
  {
    what: "no false alarm after a branch",
    source: "int main(void) { int x; if (getpid()) x = 1; else x = 2; return x; }",
    expected: `
`,
  },
  {
    what: "no false alarm for address taken",
    source: "void set(int *p) { *p = 3; }\nint main(void) { int x; set(&x); return x; }",
    expected: `
`,
  },
  {
    what: "assignment as a condition",
    source: "int main(void) { int x = 0; if (x = 5) return 1; return 0; }",
    expected: `
t.c:1:35: warning: using the result of an assignment as a condition
  int main(void) { int x = 0; if (x = 5) return 1; return 0; }
                                    ^
  note: write '==' to compare, or add parentheses around the assignment`,
  },
  {
    what: "assignment in parentheses is fine",
    source: "int main(void) { int x = 0; if ((x = 5)) return 1; return 0; }",
    expected: `
`,
  },
  {
    what: "comparison result unused",
    source: "int main(void) { int x = 0; x == 1; return x; }",
    expected: `
t.c:1:31: warning: equality comparison result unused
  int main(void) { int x = 0; x == 1; return x; }
                                ^~
  note: did you mean '=' to assign?`,
  },
  {
    what: "control reaches end",
    source: "int f(int x) { if (x) return 1; }\nint main(void) { return f(0); }",
    expected: `
t.c:1:33: warning: control reaches the end of non-void function 'f'
  int f(int x) { if (x) return 1; }
                                  ^
  note: add a return statement`,
  },
  {
    what: "no warning when all paths return",
    source:
      "int f(int x) { if (x) return 1; else return 2; }\nint g(int x) { while (1) { if (x) return x; } }\nint main(void) { return f(0) + g(1); }",
    expected: `
`,
  },
  {
    what: "no warning after exit",
    source: "int f(int x) { if (x) return 1; exit(2); }\nint main(void) { return f(1); }",
    expected: `
`,
  },
  {
    what: "division by zero",
    source: "int main(void) { int x = 1 / 0; return x; }",
    expected: `
t.c:1:28: warning: division by zero is undefined
  int main(void) { int x = 1 / 0; return x; }
                             ^`,
  },
  {
    what: "shift too far",
    source: "int main(void) { int x = 1 << 32; return x; }",
    expected: `
t.c:1:31: warning: shift count 32 is not less than the width of the type (32)
  int main(void) { int x = 1 << 32; return x; }
                                ^~`,
  },
  {
    what: "negative shift",
    source: "int main(void) { int x = 1 >> -1; return x; }",
    expected: `
t.c:1:31: warning: shift count -1 is negative
  int main(void) { int x = 1 >> -1; return x; }
                                ^`,
  },
  {
    what: "sizeof array parameter",
    source: "int f(int a[10]) { return sizeof(a); }\nint main(void) { return 0; }",
    expected: `
t.c:1:27: warning: sizeof on array parameter 'a' gives the size of 'int *'
  int f(int a[10]) { return sizeof(a); }
                            ^~~~~~
  note: array parameters are pointers in C; pass the length separately`,
  },
  {
    what: "printf argument types",
    source: 'int main(void) { printf("%d %s\\n", "a", 5); return 0; }',
    expected: `
t.c:1:36: warning: format '%d' expects an argument of type 'int', but argument 2 has type 'char *'
  int main(void) { printf("%d %s\\n", "a", 5); return 0; }
                                     ^~~
t.c:1:41: warning: format '%s' expects an argument of type 'char *', but argument 3 has type 'int'
  int main(void) { printf("%d %s\\n", "a", 5); return 0; }
                                          ^`,
  },
  {
    what: "printf too few arguments",
    source: 'int main(void) { printf("%d %d\\n", 1); return 0; }',
    expected: `
t.c:1:25: warning: more '%' conversions than data arguments: '%d' has no argument
  int main(void) { printf("%d %d\\n", 1); return 0; }
                          ^~~~~~~~~`,
  },
  {
    what: "printf too many arguments",
    source: 'int main(void) { printf("%d\\n", 1, 2); return 0; }',
    expected: `
t.c:1:36: warning: data argument not used by the format string
  int main(void) { printf("%d\\n", 1, 2); return 0; }
                                     ^`,
  },
  {
    what: "printf length modifiers",
    source:
      'int main(void) { long n = 5L; long long w = 6; printf("%f %ld %lld %s %d %lls\\n", 1, n, 2, 3, w, "x"); return 0; }',
    expected: `
t.c:1:55: warning: '%f' is not supported by printf in Ringlab (it has %d %i %u %x %X %c %s %p %%)
  int main(void) { long n = 5L; long long w = 6; printf("%f %ld %lld %s %d %lls\\n", 1, n, 2, 3, w, "x"); return 0; }
                                                        ^~~~~~~~~~~~~~~~~~~~~~~~~~
t.c:1:55: warning: the 'll' length modifier goes with %d, %i, %u, %x and %X, not '%s'
  int main(void) { long n = 5L; long long w = 6; printf("%f %ld %lld %s %d %lls\\n", 1, n, 2, 3, w, "x"); return 0; }
                                                        ^~~~~~~~~~~~~~~~~~~~~~~~~~
t.c:1:89: warning: format '%lld' expects an argument of type 'long long', but argument 4 has type 'int'
  int main(void) { long n = 5L; long long w = 6; printf("%f %ld %lld %s %d %lls\\n", 1, n, 2, 3, w, "x"); return 0; }
                                                                                          ^
t.c:1:92: warning: format '%s' expects an argument of type 'char *', but argument 5 has type 'int'
  int main(void) { long n = 5L; long long w = 6; printf("%f %ld %lld %s %d %lls\\n", 1, n, 2, 3, w, "x"); return 0; }
                                                                                             ^
t.c:1:95: warning: format '%d' expects an argument of type 'int', but argument 6 has type 'long long'
  int main(void) { long n = 5L; long long w = 6; printf("%f %ld %lld %s %d %lls\\n", 1, n, 2, 3, w, "x"); return 0; }
                                                                                                ^`,
  },
  {
    what: "distinct pointer comparison",
    source:
      "int main(void) { int a = 0; char b = 0; return &a == (int *)0 || (void *)&b == &a || &a == &b; }",
    expected: `
t.c:1:89: warning: comparison of distinct pointer types ('int *' and 'char *')
  int main(void) { int a = 0; char b = 0; return &a == (int *)0 || (void *)&b == &a || &a == &b; }
                                                                                          ^~`,
  },
  {
    what: "several errors in one run",
    source: "int main(void) {\n  int x = 1 +;\n  int y = ;\n  undefined_thing = 3;\n  return x.field;\n}",
    expected: `
t.c:2:14: error: expected an expression before ';'
    int x = 1 +;
               ^
t.c:3:11: error: expected an expression before ';'
    int y = ;
            ^
t.c:4:3: error: use of undeclared identifier 'undefined_thing'
    undefined_thing = 3;
    ^~~~~~~~~~~~~~~
t.c:5:11: error: '.' needs a struct, not 'int'
    return x.field;
            ^`,
  },
];

describe("driver C diagnostics", () => {
  test.each(CASES)("$what", ({ source, expected }) => {
    // Each expected text starts with a newline so it can begin on its own line.
    expect(diagnose(source)).toBe(expected.slice(1));
  });
});

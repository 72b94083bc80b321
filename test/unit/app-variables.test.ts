// C variables for the CPU view: the locals of the function on the CPU (in the frame or in a register)
// and the globals, read from the running machine and formatted as C would print them.
import { describe, expect, it } from "vitest";
import { cVariables, formatScalar } from "../../src/app/variables";
import { bootedKernel } from "../support/kernelHarness";

const PROGRAM = `
int counter = 41;
char greeting[8] = "hi!";
short small = -2;
int squares[10];
int *nowhere;
struct pair { int a; int b; } pair;
struct pair *nopair;
long long stamp = -5000000000LL;
unsigned long long marks[2] = {1, 18446744073709551615ULL};

int spin(int limit) {
  int i;
  int sum = 0;
  int twice[2];
  twice[0] = limit;
  twice[1] = limit * 2;
  for (i = 0; i < limit; i++) sum += i;
  while (1) {}
  return sum + twice[0];
}

int main(void) {
  int k;
  for (k = 0; k < 10; k++) squares[k] = k * k;
  counter++;
  return spin(5);
}
`;

describe("C variables of the code on the CPU", () => {
  it("shows the current function's locals and the globals with their values", () => {
    const kernel = bootedKernel({ "/bin/vars.c": PROGRAM });
    kernel.shell.execute("run /bin/vars.c");
    kernel.run(2_000_000);
    const picture = cVariables(kernel);
    expect(picture?.func).toBe("spin");
    const value = (list: { name: string; value: string }[] | undefined, name: string) =>
      list?.find((v) => v.name === name)?.value;
    expect(value(picture?.locals, "limit")).toBe("5");
    expect(value(picture?.locals, "sum")).toBe("10");
    expect(value(picture?.locals, "i")).toBe("5");
    expect(value(picture?.locals, "twice")).toBe("{5, 10}");
    expect(value(picture?.globals, "counter")).toBe("42");
    expect(value(picture?.globals, "greeting")).toBe('"hi!"');
    expect(value(picture?.globals, "small")).toBe("-2");
    expect(value(picture?.globals, "squares")).toBe("{0, 1, 4, 9, 16, 25, 36, 49, …}");
    expect(value(picture?.globals, "nowhere")).toBe("NULL");
    expect(value(picture?.globals, "nopair")).toBe("NULL");
    expect(value(picture?.globals, "pair")).toMatch(/^\{…\} at 0x[0-9a-f]{8}$/);
    // A long long is one value of 8 bytes, not a block.
    expect(value(picture?.globals, "stamp")).toBe("-5000000000");
    expect(value(picture?.globals, "marks")).toBe("{1, 18446744073709551615}");
  });

  it("has nothing to show for a program without debug information", () => {
    const kernel = bootedKernel({ "/bin/spin.s": ".text\nmain:\n  j main\n" });
    kernel.shell.execute("run /bin/spin.s");
    kernel.run(500_000);
    expect(cVariables(kernel)).toBeNull();
  });

  it("formats scalars as C would", () => {
    expect(formatScalar("char", 1, 65)).toBe("65 'A'");
    expect(formatScalar("char", 1, 0xff)).toBe("-1");
    expect(formatScalar("unsigned char", 1, 0xff)).toBe("255");
    expect(formatScalar("unsigned", 4, -1)).toBe("4294967295");
    expect(formatScalar("unsigned short", 2, 0xfffe)).toBe("65534");
    expect(formatScalar("char *", 4, 0x400010)).toBe("0x00400010");
  });
});

describe("the compiler's own temporaries", () => {
  it("are not listed among a function's locals: only what the learner wrote", async () => {
    const { compile } = await import("../../src/toolchain/c/index");
    const source = `
struct point { int x; int y; };
struct point make(int x) { struct point p = { x, 2 }; return p; }
int main(void) {
  int total = make(1).x;
  int *three = (int[]){1, 2, 3};
  printf("%d %d\\n", total, three[2]);
  return 0;
}
`;
    const result = compile(source);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const functions = result.image?.debug?.functions ?? [];
    const localsOf = (name: string) => functions.find((f) => f.name === name)?.locals.map((v) => v.name);
    expect(localsOf("main")).toEqual(["total", "three"]);
    expect(localsOf("make")).toEqual(["x", "p"]);
  });
});

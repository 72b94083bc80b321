// What the compiler puts in the image: C's memory layout, the source map, debug information for C
// variables, kernel API stubs, and the one build entry point for .c and .s.
import { describe, expect, it } from "vitest";
import { build } from "../../src/toolchain/build";
import { compile } from "../../src/toolchain/c/index";
import type { Image } from "../../src/toolchain/image";
import { relocate } from "../../src/toolchain/relocate";

function image(source: string, options: { checked?: boolean } = {}): Image {
  const result = compile(source, { file: "prog.c", base: 0x1000, ...options });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.image!;
}

const address = (img: Image, name: string) => img.symbols.find((s) => s.name === name)!.address;

describe("memory layout", () => {
  it("puts globals in .data in declaration order, naturally aligned, with nothing between", () => {
    const img = image(`
char tag = 'x';
int counts[3];
short level = 2;
char name[5] = "abcd";
int after;
int main(void) { static int calls; calls++; return counts[0]; }
int last = 1;`);
    const data = img.sections.find((s) => s.name === "data")!;
    const at = (n: string) => address(img, n) - data.start;
    expect([at("tag"), at("counts"), at("level"), at("name"), at("after")]).toEqual([0, 4, 16, 18, 24]);
    const statics = img.symbols.filter((s) => s.name.startsWith("__static_main_calls"));
    expect(statics.map((s) => s.address - data.start)).toEqual([28]);
    expect(at("last")).toBe(32);
    expect(img.sections.find((s) => s.name === "bss")?.size ?? 0).toBe(0);
  });

  it("lays out struct event as the kernel API says: 104 bytes", () => {
    const img = image("struct event table[2];\nint main(void) { return sizeof(struct event); }");
    expect(img.symbols.find((s) => s.name === "table")!.size).toBe(208);
  });

  it("keeps string literals in read-only data", () => {
    const img = image('int main(void) { printf("hi\\n"); return 0; }');
    const rodata = img.sections.find((s) => s.name === "rodata")!;
    expect(rodata.writable).toBe(false);
    const str = address(img, "__str_0") - img.base;
    expect(Array.from(img.bytes.slice(str, str + 4))).toEqual([104, 105, 10, 0]);
  });
});

describe("debug information", () => {
  const img = image(`
int total;
struct pair { int a; char b[3]; } pairs[2];
int add(int x, int y, int z, int w, int v) {
    int sum = x + y + z + w + v;
    char note[6];
    note[0] = 0;
    return sum;
}
int main(void) { total = add(1, 2, 3, 4, 5); return 0; }`);

  it("lists the globals with their C types and addresses", () => {
    expect(img.debug!.globals).toEqual([
      { name: "total", type: "int", size: 4, location: { kind: "global", address: address(img, "total") } },
      {
        name: "pairs",
        type: "struct pair [2]",
        size: 16,
        location: { kind: "global", address: address(img, "pairs") },
      },
    ]);
  });

  it("gives each function its parameters and locals at their frame offsets", () => {
    const add = img.debug!.functions.find((f) => f.name === "add")!;
    expect(add.file).toBe("prog.c");
    expect(add.line).toBe(4);
    expect(add.start).toBe(address(img, "add"));
    expect(add.end).toBeGreaterThan(add.start);
    expect(
      add.locals.map((v) => `${v.type} ${v.name} @${v.location.kind === "frame" ? v.location.offset : "?"}`),
    ).toEqual([
      "int x @-4",
      "int y @-8",
      "int z @-12",
      "int w @-16",
      "int v @8",
      "int sum @-20",
      "char [6] note @-26",
    ]);
  });

  it("gives the locals the compiler keeps in s0..s2 their register", () => {
    const regs = image(`
void bump(int *p) { *p = 2; }
int count(int *a, int n) {
    int i, found = 0, spare = 1;
    for (i = 0; i < n; i++) if (a[i]) found++;
    bump(&spare);
    return found + spare;
}
int data[4];
int main(void) { return count(data, 4); }`);
    const count = regs.debug!.functions.find((f) => f.name === "count")!;
    expect(Object.fromEntries(count.locals.map((v) => [v.name, v.location]))).toEqual({
      // By use, weighted by loop depth: i (in every part of the loop), found (in it), a (in it, and
      // declared before n, which weighs as much); spare's address is taken.
      a: { kind: "register", register: 12 },
      n: { kind: "frame", offset: -16 },
      i: { kind: "register", register: 10 },
      found: { kind: "register", register: 11 },
      spare: { kind: "frame", offset: -20 },
    });
    // Relocating an image moves addresses, not registers.
    const moved = relocate(regs, 0x20000);
    expect(moved.debug!.functions.find((f) => f.name === "count")!.locals[0]!.location).toEqual({
      kind: "register",
      register: 12,
    });
  });

  it("maps instructions back to C lines and functions", () => {
    const lines = img.sourceMap.filter((l) => l.file === "prog.c" && l.func === "add").map((l) => l.line);
    expect(new Set(lines)).toEqual(new Set([4, 5, 7, 8, 9]));
    const main = img.sourceMap.filter((l) => l.func === "main");
    expect(main.every((l) => l.line === 10)).toBe(true);
  });
});

describe("kernel API stubs", () => {
  it("has a stub for each service the program reaches, and exit for crt0", () => {
    const img = image('int main(void) { char b[8]; strcpy(b, "x"); printf("%s", b); return getpid(); }');
    expect(img.kernelCalls.map((k) => k.name).sort()).toEqual(["exit", "getpid", "printf"]);
    // strcpy is library code compiled into the program, not a kernel service.
    expect(img.symbols.some((s) => s.name === "strcpy" && s.kind === "function")).toBe(true);
    expect(img.symbols.some((s) => s.name === "strlen")).toBe(false);
  });

  it("checked mode brings in panic through the bounds helper", () => {
    const plain = image("int a[4]; int main(void) { int i = 2; return a[i]; }");
    const checked = image("int a[4]; int main(void) { int i = 2; return a[i]; }", { checked: true });
    expect(plain.kernelCalls.map((k) => k.name)).toEqual(["exit"]);
    expect(checked.kernelCalls.map((k) => k.name).sort()).toEqual(["exit", "panic"]);
  });
});

describe("build", () => {
  it("compiles .c, assembles .s, and refuses anything else", () => {
    expect(build("a.c", "int main(void) { return 0; }").image).toBeDefined();
    expect(build("a.s", "_start:\n    halt\n").image).toBeDefined();
    const other = build("a.txt", "hello");
    expect(other.image).toBeUndefined();
    expect(other.diagnostics[0]!.message).toContain("not a source file");
  });

  it("passes checked mode and the base through", () => {
    const built = build("a.c", "int a[2]; int main(void) { int i = 1; return a[i]; }", {
      checked: true,
      base: 0x2000,
    });
    expect(built.image!.base).toBe(0x2000);
    expect(built.image!.kernelCalls.some((k) => k.name === "panic")).toBe(true);
  });
});

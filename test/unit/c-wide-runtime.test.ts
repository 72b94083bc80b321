// The 64-bit helpers (__muldi3 & co., wideRuntime.ts) are checked only for a program that needs them:
// a compile without long long arithmetic should not pay for them (docs/performance.md, issue 12).
import { describe, expect, it } from "vitest";
import { check, compile } from "../../src/toolchain/c/index";
import { LIBRARY_SOURCE } from "../../src/toolchain/c/prelude";

/** The library functions the checker looked at, by name. */
function checkedNames(source: string, checked = false): string[] {
  const { program, diagnostics } = check(source, { file: "t.c", checked });
  expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
  return program.functions.map((f) => f.sym.name);
}

describe("the 64-bit runtime is checked only when a program needs it", () => {
  it("leaves it out of a program without 64-bit arithmetic", () => {
    const names = checkedNames('int main(void) { int a = 6; return a * 7 / 3 % 5 << strlen("x"); }');
    expect(names).toContain("strlen");
    expect(names).not.toContain("__muldi3");
    expect(names).not.toContain("__rl_udivmod64");
  });

  it("leaves it out when long long only uses inline operations", () => {
    const names = checkedNames(
      "int main(void) { long long a = 5; a += 3; a ^= a << 4; return (int)(a > 2); }",
    );
    expect(names).not.toContain("__muldi3");
  });

  it("brings in all of it, the static divider too, for a multiplication", () => {
    const names = checkedNames("int main(void) { long long a = 5; a = a * a; return (int)a; }");
    expect(names).toContain("__muldi3");
    expect(names).toContain("__rl_udivmod64");
    expect(names).toContain("__udivdi3");
  });

  it("brings it in for a division found in the handler runtime's driver, in checked mode", () => {
    const source = "int on_event(struct event *ev) { unsigned long long x = ev->pid; return (int)(x / 3); }";
    expect(checkedNames(source, true)).toContain("__udivdi3");
  });

  it("brings it in when the program calls a helper by name or takes its address", () => {
    const called = "int main(void) { return (int)__ashrdi3(-8LL, 1); }";
    expect(checkedNames(called)).toContain("__ashrdi3");
    const taken = "long long (*f)(long long, int) = __ashrdi3; int main(void) { return (int)f(-8LL, 1); }";
    expect(checkedNames(taken)).toContain("__ashrdi3");
  });

  it("lets a program define a helper of its own", () => {
    const source = [
      "unsigned long long __muldi3(unsigned long long a, unsigned long long b) { return a + b; }",
      "int main(void) { unsigned long long a = 5; return (int)(a * a); }",
    ].join("\n");
    const result = compile(source);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.image).toBeDefined();
  });

  it("keeps the helpers' line numbers in libc.c", () => {
    const result = compile("int main(void) { long long a = 7; return (int)(a / 2); }");
    expect(result.image).toBeDefined();
    const header = "long long __divdi3(long long a, long long b) {";
    const line = LIBRARY_SOURCE.split("\n").indexOf(header) + 1;
    expect(line).toBeGreaterThan(1);
    expect(result.listing).toContain(`// libc.c:${line}  ${header}`);
  });
});

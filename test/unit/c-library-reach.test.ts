// Only the library functions a program reaches are checked (libraryReach.ts, issue 12), and the ones
// checked keep the string labels and ids they get when the whole library is checked.
import { describe, expect, it } from "vitest";
import { check, compile } from "../../src/toolchain/c/index";
import { LIBRARY_FUNCTIONS } from "../../src/toolchain/c/prelude";

function checkedNames(source: string, checked = false): string[] {
  const { program, diagnostics } = check(source, { file: "t.c", checked });
  expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
  return program.functions.map((f) => f.sym.name);
}

/** The library's functions by name; sprintf and snprintf are calls the compiler turns into __rl_format. */
const LIBRARY_NAMES = LIBRARY_FUNCTIONS.map((f) => /(\w+)\(/.exec(f.prototype)?.[1] ?? "").filter(
  (name) => !name.endsWith("printf"),
);

/** A global that takes every library function's address, so every one of them is reached. */
const EVERYTHING = `void *everything[] = { ${LIBRARY_NAMES.map((n) => `(void *)${n}`).join(", ")} };`;

describe("the library is checked as far as the program reaches it", () => {
  it("leaves out what the program never calls", () => {
    expect(checkedNames("int main(void) { return 0; }")).toEqual(["main"]);
  });

  it("follows calls made from the library itself", () => {
    const names = checkedNames('char b[16]; int main(void) { return sprintf(b, "%d", 5); }');
    expect(names).toContain("__rl_format");
    expect(names).toContain("__rl_divsmall");
    expect(names).not.toContain("strstr");
  });

  it("checks the bounds helpers and what they call in checked mode", () => {
    const names = checkedNames("int a[4]; int main(void) { return a[1]; }", true);
    expect(names).toContain("__rl_bounds_fail");
    expect(names).toContain("__rl_append_int");
    expect(checkedNames("int a[4]; int main(void) { return a[1]; }", false)).not.toContain(
      "__rl_bounds_fail",
    );
  });

  it("checks a function whose address the program takes", () => {
    expect(checkedNames('int (*f)(const char *) = atoi; int main(void) { return f("1"); }')).toContain(
      "atoi",
    );
  });

  it("gives the library's strings the labels they have when everything is reached", () => {
    // No printf: __rl_format, whose strings come before the bounds helpers' in libc.c, is left out.
    const body = "int a[4]; int main(void) { return a[3]; }";
    const labels = (source: string) => {
      const { program, diagnostics } = check(source, { file: "t.c", checked: true });
      expect(diagnostics.sorted().filter((d) => d.severity === "error")).toEqual([]);
      return program.strings
        .filter((s) => String.fromCharCode(...s.bytes).startsWith("index out of bounds"))
        .map((s) => s.label);
    };
    // The same one string of the program's own in both, so only the library's numbering can differ.
    const alone = labels(`${body}\nconst char *u = "%d";`);
    expect(alone.length).toBe(1);
    const formatting = 'char u[8]; int g(void) { return sprintf(u, "%d", 1); }';
    expect(alone).toEqual(labels(`${body}\n${formatting}\n${EVERYTHING}`));
  });

  it("compiles a reached library function to the same code as when everything is reached", () => {
    const body =
      'char b[32]; int main(void) { strcpy(b, "x"); return sprintf(b, "%s%x", b, 255) + atoi(b); }';
    /** The assembly of __rl_format alone: its string labels and ids show in it. (The __loc_ strings
        of checked mode are numbered by code generation, in the order it emits functions.) */
    const formatCode = (source: string) => {
      const assembly = compile(source, { checked: true }).assembly;
      const start = assembly.indexOf("\n__rl_format:");
      expect(start).toBeGreaterThan(0);
      return assembly
        .slice(start, assembly.indexOf(".size __rl_format", start))
        .replace(/__loc_\d+/g, "__loc");
    };
    const alone = formatCode(body);
    expect(alone).toMatch(/__str_\d+/);
    expect(alone).toBe(formatCode(`${body}\n${EVERYTHING}`));
  });
});

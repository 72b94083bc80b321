/**
 * One entry point from source to image: `.c` files go through the driver C compiler, `.s` files
 * through the assembler. The kernel and the command line build everything through here.
 */
import type { Diagnostic } from "../shared/diagnostic";
import { assemble } from "./asm/index";
import { compile } from "./c/index";
import type { Image } from "./image";

export interface BuildOptions {
  /** Driver C's checked mode: bounds checks on array accesses. */
  checked?: boolean;
  base?: number;
}

export interface BuildResult {
  image: Image | undefined;
  diagnostics: Diagnostic[];
}

export function build(path: string, source: string, options: BuildOptions = {}): BuildResult {
  if (path.endsWith(".s")) {
    // Nothing here shows a listing, so none is built.
    const { image, diagnostics } = assemble(source, { file: path, base: options.base, listing: false });
    return { image, diagnostics };
  }
  if (path.endsWith(".c")) {
    const { image, diagnostics } = compile(source, {
      file: path,
      checked: options.checked,
      base: options.base,
    });
    return { image, diagnostics };
  }
  return {
    image: undefined,
    diagnostics: [
      {
        severity: "error",
        file: path,
        line: 1,
        col: 1,
        message: "not a source file: Ringlab builds .c (driver C) and .s (assembly) files",
      },
    ],
  };
}

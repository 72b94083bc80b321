/**
 * Highlighting for Ringlab assembly, from the assembler's own tables: the instruction table, the
 * pseudo-instructions, the directives and the register names, so it knows exactly what the assembler
 * knows. Comments start with ; or //.
 */
import { StreamLanguage, type StringStream } from "@codemirror/language";
import { CR_NAMES, INSTRUCTIONS, REGISTER_NAMES } from "../../machine/isa";
import { DIRECTIVES } from "../../toolchain/asm/directives";
import { PSEUDO_INSTRUCTIONS } from "../../toolchain/asm/pseudo";

const MNEMONICS = new Set([
  ...INSTRUCTIONS.map((i) => i.mnemonic),
  ...PSEUDO_INSTRUCTIONS.map((p) => p.name),
]);
const REGISTERS = new Set<string>([...REGISTER_NAMES, ...Array.from({ length: 16 }, (_, i) => `r${i}`)]);
const CONTROL = new Set<string>(CR_NAMES);

interface AsmState {
  /** True once the line's mnemonic has been seen (the rest are operands). */
  sawMnemonic: boolean;
}

export const ringlabAssembly = StreamLanguage.define<AsmState>({
  name: "ringlab-asm",
  startState: () => ({ sawMnemonic: false }),
  token(stream: StringStream, state: AsmState) {
    if (stream.sol()) state.sawMnemonic = false;
    if (stream.eatSpace()) return null;
    if (stream.match(";") || stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^'(?:[^'\\]|\\.)*'?/)) return "string";
    if (stream.match(/^(0x[0-9a-fA-F]+|0b[01]+|\d+)\b/)) return "number";
    const word = stream.match(/^\.?[A-Za-z_][\w.]*/) as RegExpMatchArray | null;
    if (word) {
      const text = word[0];
      const lower = text.toLowerCase();
      if (stream.peek() === ":") {
        stream.next();
        return "labelName";
      }
      if (lower.startsWith(".") && DIRECTIVES.has(lower)) return "keyword";
      if (!state.sawMnemonic && MNEMONICS.has(lower)) {
        state.sawMnemonic = true;
        return "keyword";
      }
      if (REGISTERS.has(lower)) return "variableName.special";
      if (CONTROL.has(lower)) return "atom";
      if (lower === "hi" || lower === "lo") return "operatorKeyword";
      return "variableName";
    }
    stream.next();
    return "operator";
  },
  languageData: { commentTokens: { line: ";" } },
});

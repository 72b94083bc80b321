/**
 * Random C expressions for the differential property tests (c-expressions: 32-bit and narrower;
 * c-wide-arithmetic: 64-bit): the one expression shape both generate, each with its own literals and
 * types, and each with its own reference evaluator.
 */
import fc from "fast-check";

export const BIN_OPS = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "|",
  "^",
  "<<",
  ">>",
  "==",
  "!=",
  "<",
  ">",
  "<=",
  ">=",
  "&&",
  "||",
] as const;
export type BinOp = (typeof BIN_OPS)[number];

/** The compound assignments a program's steps use. */
export const ASSIGN_OPS = ["=", "+=", "-=", "*=", "&=", "|=", "^="] as const;

/** An expression over types T whose literals carry what L says (a number, or a bigint and its type). */
export type Expr<T extends string, L> =
  | { k: "var"; name: string }
  | ({ k: "lit" } & L)
  | { k: "un"; op: "-" | "~" | "!"; e: Expr<T, L> }
  | { k: "bin"; op: BinOp; l: Expr<T, L>; r: Expr<T, L> }
  | { k: "cast"; t: T; e: Expr<T, L> }
  | { k: "cond"; c: Expr<T, L>; a: Expr<T, L>; b: Expr<T, L> };

/** Expressions of the variables, the literals and the casts to `types`, small and shrinkable. */
export function expressionArbitrary<T extends string, L>(
  vars: readonly { name: string }[],
  types: readonly T[],
  literal: fc.Arbitrary<Expr<T, L>>,
): fc.Arbitrary<Expr<T, L>> {
  type E = Expr<T, L>;
  return fc.letrec<{ e: E }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...vars).map((v) => ({ k: "var", name: v.name }) as E),
      literal,
      fc.record({
        k: fc.constant("un" as const),
        op: fc.constantFrom("-" as const, "~" as const, "!" as const),
        e: tie("e"),
      }) as fc.Arbitrary<E>,
      fc.record({
        k: fc.constant("bin" as const),
        op: fc.constantFrom<BinOp>(...BIN_OPS),
        l: tie("e"),
        r: tie("e"),
      }) as fc.Arbitrary<E>,
      fc.record({
        k: fc.constant("cast" as const),
        t: fc.constantFrom(...types),
        e: tie("e"),
      }) as fc.Arbitrary<E>,
      fc.record({
        k: fc.constant("cond" as const),
        c: tie("e"),
        a: tie("e"),
        b: tie("e"),
      }) as fc.Arbitrary<E>,
    ),
  })).e;
}

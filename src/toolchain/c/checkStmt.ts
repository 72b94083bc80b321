/**
 * Statements and local declarations. Blocks open scopes; loops and switches are tracked so that
 * break, continue and case land somewhere; switch collects its case values (constant, distinct).
 */
import type { Block, Declaration, Expr, Stmt } from "./ast";
import { condition, constantValue, value } from "./checkExpr";
import type { Checker } from "./checker";
import { convertAs } from "./convert";
import type { Pos } from "./diagnostics";
import { cast } from "./fold";
import { globalInit, localInit } from "./initializer";
import { resolveDeclarator, resolveSpec } from "./resolveTypes";
import { returnsStruct, returnThroughResult } from "./structReturn";
import type { TExpr, TStmt, VarSymbol } from "./typed";
import { type CType, INT, isComplete, isWide, promote, typeToString } from "./types";

export function checkBlock(c: Checker, b: Block, newScope = true): TStmt {
  if (newScope) c.scopes.push();
  const items = b.items.map((s) => checkStmt(c, s));
  if (newScope) c.scopes.pop();
  return { k: "block", items, pos: b.pos };
}

function loopBody(c: Checker, s: Stmt): TStmt {
  const fn = c.fn!;
  fn.loops++;
  const body = checkStmt(c, s);
  fn.loops--;
  return body;
}

export function checkStmt(c: Checker, s: Stmt): TStmt {
  const fn = c.fn!;
  switch (s.kind) {
    case "block":
      return checkBlock(c, s);
    case "decl":
      return localDeclaration(c, s);
    case "expr":
      return { k: "expr", expr: expressionStatement(c, s.expr), pos: s.pos };
    case "empty":
      return { k: "empty", pos: s.pos };
    case "if": {
      const cond = condition(c, s.cond);
      const then = checkStmt(c, s.then);
      const otherwise = s.else ? checkStmt(c, s.else) : undefined;
      return { k: "if", cond, then, else: otherwise, pos: s.pos };
    }
    case "while": {
      const cond = condition(c, s.cond);
      return { k: "while", cond, body: loopBody(c, s.body), pos: s.pos };
    }
    case "do": {
      const body = loopBody(c, s.body);
      return { k: "do", body, cond: condition(c, s.cond), pos: s.pos };
    }
    case "for": {
      c.scopes.push();
      let init: TStmt | undefined;
      if (s.init?.kind === "decl") init = localDeclaration(c, s.init);
      else if (s.init) init = { k: "expr", expr: value(c, s.init), pos: s.init.pos };
      const cond = s.cond ? condition(c, s.cond) : undefined;
      const step = s.step ? value(c, s.step) : undefined;
      const body = loopBody(c, s.body);
      c.scopes.pop();
      return { k: "for", init, cond, step, body, pos: s.pos };
    }
    case "break":
      if (fn.loops === 0 && fn.switches.length === 0)
        c.error(s.pos, "'break' statement not in a loop or switch");
      return { k: "break", pos: s.pos };
    case "continue":
      if (fn.loops === 0) c.error(s.pos, "'continue' statement not in a loop");
      return { k: "continue", pos: s.pos };
    case "return":
      return returnStatement(c, s.value, s.pos);
    case "switch":
      return switchStatement(c, s);
    case "case": {
      const sw = fn.switches.at(-1);
      const v = c.constInt(s.value, "a case label");
      if (!sw) c.error(s.pos, "'case' label not in a switch statement");
      const id = c.uniqueId();
      if (sw && v !== undefined) {
        if (sw.values.has(v)) c.error(s.value.pos, `duplicate case value '${v}'`);
        else {
          sw.values.add(v);
          sw.cases.push({ value: v, id });
        }
      }
      return { k: "case", id, body: checkStmt(c, s.body), pos: s.pos };
    }
    case "default": {
      const sw = fn.switches.at(-1);
      if (!sw) c.error(s.pos, "'default' label not in a switch statement");
      else if (sw.hasDefault) c.error(s.pos, "multiple default labels in one switch");
      else sw.hasDefault = true;
      return { k: "default", body: checkStmt(c, s.body), pos: s.pos };
    }
    case "label": {
      const info = labelInfo(c, s.name);
      if (info.definedAt) c.error(s.pos, `redefinition of label '${s.name}'`);
      else info.definedAt = s.pos;
      return { k: "label", id: info.id, name: s.name, body: checkStmt(c, s.body), pos: s.pos };
    }
    case "goto": {
      const info = labelInfo(c, s.label);
      info.firstGoto ??= s.pos;
      return { k: "goto", id: info.id, pos: s.pos };
    }
  }
}

/** A label of the current function (labels have function scope: a goto may come before its label). */
function labelInfo(c: Checker, name: string): { id: number; definedAt?: Pos; firstGoto?: Pos } {
  const labels = c.fn!.labels;
  let info = labels.get(name);
  if (!info) {
    info = { id: c.uniqueId() };
    labels.set(name, info);
  }
  return info;
}

const COMPARISONS = new Set(["==", "!=", "<", ">", "<=", ">="]);

function expressionStatement(c: Checker, e: Expr): TExpr {
  const t = value(c, e);
  if (e.kind === "binary" && COMPARISONS.has(e.op)) {
    const hint = e.op === "==" ? "did you mean '=' to assign?" : undefined;
    c.warning(
      e.pos,
      `${e.op === "==" || e.op === "!=" ? "equality" : "relational"} comparison result unused`,
      hint,
    );
  }
  return t;
}

function returnStatement(c: Checker, valueExpr: Expr | undefined, pos: TStmt["pos"]): TStmt {
  const fn = c.fn!;
  const name = fn.sym.name;
  if (!valueExpr) {
    if (fn.returnType.kind !== "void") c.error(pos, `non-void function '${name}' should return a value`);
    return { k: "return", pos };
  }
  const v = value(c, valueExpr);
  if (fn.returnType.kind === "void") {
    if (!c.isPoisoned(v)) c.error(valueExpr.pos, `void function '${name}' should not return a value`);
    return { k: "return", pos };
  }
  const converted = convertAs(c, v, fn.returnType, { kind: "return" }, valueExpr.pos);
  if (returnsStruct(fn.returnType) && !c.isPoisoned(converted))
    return { k: "return", value: returnThroughResult(c, converted, pos), pos };
  return { k: "return", value: converted, pos };
}

function switchStatement(c: Checker, s: Extract<Stmt, { kind: "switch" }>): TStmt {
  const fn = c.fn!;
  let cond = value(c, s.cond);
  if (cond.type.kind !== "int") {
    if (!c.isPoisoned(cond)) c.error(s.cond.pos, `switch needs an integer, not '${typeToString(cond.type)}'`);
    cond = c.poison(s.cond.pos);
  } else if (isWide(cond.type)) {
    c.error(
      s.cond.pos,
      `switch on a 64-bit value ('${typeToString(cond.type)}') is not supported in driver C`,
      "compare with if and else, or switch on a 32-bit part of it",
    );
    cond = c.poison(s.cond.pos);
  }
  const type = promote(cond.type as Extract<CType, { kind: "int" }>);
  const sw = {
    cases: [] as { value: number; id: number }[],
    values: new Set<number>(),
    hasDefault: false,
    pos: s.pos,
  };
  fn.switches.push(sw);
  const body = checkStmt(c, s.body);
  fn.switches.pop();
  // Case values convert to the promoted type of the condition, as in C.
  const cases = sw.cases.map((x) => ({
    id: x.id,
    value: constantValue(cast({ k: "const", value: x.value, type: INT, pos: s.pos }, type)) ?? 0,
  }));
  return { k: "switch", cond: cast(cond, type), body, cases, hasDefault: sw.hasDefault, pos: s.pos };
}

function localDeclaration(c: Checker, d: Declaration): TStmt {
  const base = resolveSpec(c, d.spec);
  const inits: TStmt[] = [];
  for (const { declarator, init } of d.declarators) {
    const type = resolveDeclarator(c, base, declarator, "local");
    const name = declarator.name;
    if (!type || !name) continue;
    if (d.spec.storage === "typedef") {
      c.declareTypedef(name, type, declarator.pos);
      continue;
    }
    if (type.kind === "func") {
      c.declareFunction(name, type, declarator.pos, d.spec.storage === "static", false);
      continue;
    }
    if (d.spec.storage === "extern") {
      c.error(
        declarator.pos,
        "'extern' declarations inside functions are not supported in driver C",
        "declare it at file scope",
      );
      continue;
    }
    const isStatic = d.spec.storage === "static";
    const sym: VarSymbol = {
      kind: "var",
      name,
      type,
      storage: isStatic ? "static" : "local",
      pos: declarator.pos,
      label: "",
      internal: true,
      offset: 0,
      paramIndex: -1,
      addressTaken: false,
      defined: true,
    };
    // As in C, the variable is in scope from its declarator on, so its initializer can see it.
    c.defineOrdinary(sym);
    if (isStatic) {
      if (init) {
        const result = globalInit(c, sym.type, init);
        sym.type = result.type;
        sym.init = result.init;
      }
    } else if (init) {
      const result = localInit(c, sym, init, declarator.pos);
      sym.type = result.type;
      inits.push(result.stmt);
    }
    if (type.kind === "array" && sym.type.kind === "array" && sym.type.length === undefined) {
      c.error(declarator.pos, `array '${name}' has no size`, "give a length or an initializer");
      continue;
    }
    if (!isComplete(sym.type)) {
      c.error(declarator.pos, `variable '${name}' has incomplete type '${typeToString(sym.type)}'`);
      continue;
    }
    c.addLocal(sym);
  }
  if (inits.length === 1) return inits[0]!;
  return { k: "block", items: inits, pos: d.pos };
}

/**
 * The handler runtime: what makes a verified-mode driver (an event handler, docs/verifier.md) also a
 * kernel-mode and user-mode driver. A source that defines `on_event` and no `main` gets this `main`,
 * compiled with it: it calls `on_load` once (when the source defines one; a non-zero result ends the
 * driver with that code), then loops on `next_event`, calls `on_event` for each event and reports its
 * result through the kernel API's `event_verdict`. In verified mode the kernel calls the handlers
 * itself and this `main` is never run.
 */
import type { FuncSymbol } from "./typed";

export const HANDLER_RUNTIME_FILE = "handler.c";

/** Whether a program's functions make it a handler driver that needs the runtime. */
export function needsHandlerRuntime(funcs: ReadonlyMap<string, FuncSymbol>): boolean {
  return funcs.get("on_event")?.defined === true && funcs.get("main")?.defined !== true;
}

/** The runtime's source, for a program that does or does not define on_load. */
export function handlerRuntimeSource(withOnLoad: boolean): string {
  return [
    "/* handler.c: the handler runtime, added because this driver defines on_event and no main. */",
    "int main(void) {",
    "    struct event ev;",
    ...(withOnLoad ? ["    int loaded = on_load();", "    if (loaded != 0) return loaded;"] : []),
    "    while (next_event(&ev)) event_verdict(on_event(&ev));",
    "    return 0;",
    "}",
    "",
  ].join("\n");
}

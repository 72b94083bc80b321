/**
 * A recorded history that ends on a bluescreen: a default machine runs a while, then null-driver.c
 * is loaded in kernel mode and reads through a null pointer. Time travel and history tests start here.
 */
import { History } from "../../src/kernel/history";
import { Kernel } from "../../src/kernel/kernel";

export function crashedHistory(): History {
  const k = new Kernel({ seed: 1 });
  k.boot();
  const h = new History(k);
  h.run(200_000);
  k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
  h.run(3_000_000);
  return h;
}

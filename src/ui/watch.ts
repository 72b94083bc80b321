import type { Store } from "../app/store";

/** Draws now and whenever one of the selected slices changes; returns the unsubscribe. */
export function watch<S>(
  store: Store<S>,
  selectors: ((state: S) => unknown)[],
  draw: () => void,
): () => void {
  const stops = selectors.map((select) => store.subscribe(select, draw));
  draw();
  return () => {
    for (const stop of stops) stop();
  };
}

// The few platform APIs the core uses that exist both in browsers and in Node, declared for the core's
// type check (which has no DOM lib, so that DOM use anywhere in the core is a compile error).
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

/** Structured clone, in every JavaScript host the core runs in (Node 17+, browsers, workers). */
declare function structuredClone<T>(value: T): T;

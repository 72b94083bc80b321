/**
 * deflate-raw through the platform's CompressionStream and DecompressionStream, which browsers and
 * Node both have. The core's type check has no DOM lib, so the few members used are declared here.
 */

interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface TransformPair {
  readonly readable: { getReader(): ByteReader };
  readonly writable: { getWriter(): ByteWriter };
}
type StreamConstructor = new (format: "deflate-raw") => TransformPair;

const platform = globalThis as unknown as {
  CompressionStream?: StreamConstructor;
  DecompressionStream?: StreamConstructor;
};

export class TooLarge extends Error {}

/** Pushes `input` through a transform and collects at most `limit` bytes of output. */
async function pipe(stream: TransformPair, input: Uint8Array, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Write and read at the same time: a large input would otherwise wait forever on backpressure.
  const writing = writer
    .write(input)
    .then(() => writer.close())
    .catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        throw new TooLarge(`more than ${limit} bytes`);
      }
      chunks.push(value);
    }
  } finally {
    await writing;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function platformStream(name: "CompressionStream" | "DecompressionStream"): StreamConstructor {
  const found = platform[name];
  if (!found) throw new Error(`this browser has no ${name}`);
  return found;
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(new (platformStream("CompressionStream"))("deflate-raw"), bytes, Number.MAX_SAFE_INTEGER);
}

/** Inflates; rejects on data that is not deflate-raw, and with TooLarge past `limit` bytes of output. */
export function inflateRaw(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  return pipe(new (platformStream("DecompressionStream"))("deflate-raw"), bytes, limit);
}

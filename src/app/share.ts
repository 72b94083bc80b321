/**
 * Share links: the scratch state (files, the open file, mode, checked, seed, the page) or a lesson's
 * progress, as JSON, deflated, in base64url, in the URL fragment:
 *
 *   #share=1.<crc32 of the compressed bytes, 8 hex digits>.<base64url(deflate-raw(JSON))>
 *
 * The leading 1 is the format version (the JSON repeats it as `v`). Decoding never throws: a link that
 * is cut short, edited, too large, from a newer Ringlab or simply not ours gives a clear message, and
 * the app starts a clean default machine. The checksum catches damage; the schema and the limits keep
 * out anything else, however the link was made.
 */
import { z } from "zod";

import { decodeBase64url, encodeBase64url } from "./base64url";
import { crc32 } from "./checksum";
import { deflateRaw, inflateRaw, TooLarge } from "./compression";

// No code generation: zod's fast path probes for eval, which the page's content security policy forbids.
z.config({ jitless: true });

export const SHARE_VERSION = 1;
export const SHARE_PREFIX = "share=";
/** Limits: a link longer than this is not one we made; its content may not inflate past the second. */
export const MAX_FRAGMENT_CHARS = 200_000;
export const MAX_JSON_BYTES = 512 * 1024;
export const MAX_FILES = 64;
export const MAX_FILE_CHARS = 64 * 1024;

const path = z
  .string()
  .max(128)
  .regex(/^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a file path like /drivers/my-driver.c");

export const shareSchema = z
  .object({
    v: z.literal(SHARE_VERSION),
    route: z.enum(["start", "workbench", "side-by-side", "fleet"]),
    seed: z.number().int().min(0).max(0xffffffff),
    files: z
      .record(path, z.string().max(MAX_FILE_CHARS))
      .refine((files) => Object.keys(files).length <= MAX_FILES, `at most ${MAX_FILES} files`),
    open: z.object({
      path,
      mode: z.enum(["kernel", "user", "verified"]),
      checked: z.boolean(),
    }),
    lesson: z
      .object({ id: z.string().min(1).max(100), progress: z.unknown().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type ShareState = z.infer<typeof shareSchema>;

export type Decoded = { ok: true; state: ShareState } | { ok: false; error: string };

const DAMAGED = "This share link is damaged";

/** The fragment (without '#') for a state. */
export async function encodeShare(state: ShareState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const packed = await deflateRaw(json);
  const check = crc32(packed).toString(16).padStart(8, "0");
  return `${SHARE_PREFIX}${SHARE_VERSION}.${check}.${encodeBase64url(packed)}`;
}

/** True when a fragment is meant to be a share link (whether or not it is a good one). */
export function isShareFragment(fragment: string): boolean {
  return fragment.replace(/^#/, "").startsWith(SHARE_PREFIX);
}

export async function decodeShare(fragment: string): Promise<Decoded> {
  const text = fragment.replace(/^#/, "");
  if (!text.startsWith(SHARE_PREFIX)) return fail("This is not a Ringlab share link");
  if (text.length > MAX_FRAGMENT_CHARS) return fail(`${DAMAGED}: it is far longer than any Ringlab link`);
  const parts = text.slice(SHARE_PREFIX.length).split(".");
  const version = parts[0];
  if (!/^\d{1,6}$/.test(version ?? "")) return fail(`${DAMAGED}: it has no format version`);
  if (Number(version) !== SHARE_VERSION) {
    return fail(
      Number(version) > SHARE_VERSION
        ? `This share link was made by a newer Ringlab (format ${version}); this one reads format ${SHARE_VERSION}`
        : `This share link uses format ${version}, which this Ringlab does not read`,
    );
  }
  if (parts.length !== 3) return fail(`${DAMAGED}: it does not have its three parts`);
  const [, check, payload] = parts;
  if (!/^[0-9a-f]{8}$/.test(check)) return fail(`${DAMAGED}: its checksum is missing`);
  const packed = decodeBase64url(payload);
  if (!packed || packed.length === 0) return fail(`${DAMAGED}: it contains characters a link cannot have`);
  if (crc32(packed).toString(16).padStart(8, "0") !== check)
    return fail(`${DAMAGED} or was changed after it was made (the checksum does not match)`);
  let json: Uint8Array;
  try {
    json = await inflateRaw(packed, MAX_JSON_BYTES);
  } catch (e) {
    return fail(
      e instanceof TooLarge
        ? `${DAMAGED}: its content is larger than Ringlab allows`
        : `${DAMAGED}: its content does not decompress`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    return fail(`${DAMAGED}: its content is not readable`);
  }
  const parsed = shareSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
    return fail(
      `This share link does not describe a Ringlab machine${where}: ${issue?.message ?? "invalid"}`,
    );
  }
  return { ok: true, state: parsed.data };
}

function fail(error: string): Decoded {
  return { ok: false, error: `${error}. Starting a clean default machine instead.` };
}

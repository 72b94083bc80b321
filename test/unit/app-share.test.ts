import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { encodeBase64url } from "../../src/app/base64url";
import { crc32 } from "../../src/app/checksum";
import { deflateRaw } from "../../src/app/compression";
import { decodeShare, encodeShare, MAX_JSON_BYTES, type ShareState } from "../../src/app/share";

const sample: ShareState = {
  v: 1,
  route: "workbench",
  seed: 42,
  files: { "/drivers/mine.c": "int main(void) { return 0; }\n", "/drivers/other.s": "; nothing\n" },
  open: { path: "/drivers/mine.c", mode: "user", checked: true },
};

/** A fragment with a correct checksum around any bytes: what a careful forger would make. */
async function forged(json: string | Uint8Array, version = "1"): Promise<string> {
  const bytes = typeof json === "string" ? new TextEncoder().encode(json) : json;
  const packed = await deflateRaw(bytes);
  return `share=${version}.${crc32(packed).toString(16).padStart(8, "0")}.${encodeBase64url(packed)}`;
}

async function refused(fragment: string): Promise<string> {
  const decoded = await decodeShare(fragment);
  expect(decoded.ok).toBe(false);
  if (decoded.ok) throw new Error("accepted");
  expect(decoded.error).toMatch(/Starting a clean default machine instead\.$/);
  return decoded.error;
}

describe("share links", () => {
  it("round-trip a state, with or without the leading #", async () => {
    const fragment = await encodeShare(sample);
    expect(fragment).toMatch(/^share=1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    expect(await decodeShare(fragment)).toEqual({ ok: true, state: sample });
    expect(await decodeShare(`#${fragment}`)).toEqual({ ok: true, state: sample });
  });

  it("carry verified as a mode of its own: a file last loaded verified opens in verified mode", async () => {
    const verified: ShareState = { ...sample, open: { ...sample.open, mode: "verified" } };
    expect(await decodeShare(await encodeShare(verified))).toEqual({ ok: true, state: verified });
    const app = new App({ now: () => 0 });
    expect(await app.openShare(await encodeShare(verified))).toBe(true);
    expect(app.state.editor.mode).toBe("verified");
  });

  it("compress: a long file makes a short link", async () => {
    const big = { ...sample, files: { "/drivers/big.c": "// again and again\n".repeat(2000) } };
    const fragment = await encodeShare(big);
    expect(fragment.length).toBeLessThan(1000);
    expect(await decodeShare(fragment)).toEqual({ ok: true, state: big });
  });

  it("refuse a link with any one character changed (the checksum catches it)", async () => {
    const fragment = await encodeShare(sample);
    const payloadStart = fragment.lastIndexOf(".") + 1;
    for (const index of [payloadStart, payloadStart + 5, fragment.length - 2]) {
      const c = fragment[index];
      const changed = `${fragment.slice(0, index)}${c === "A" ? "B" : "A"}${fragment.slice(index + 1)}`;
      expect(await refused(changed)).toMatch(/damaged|changed/);
    }
  });

  it("refuse a link cut short", async () => {
    const fragment = await encodeShare(sample);
    expect(await refused(fragment.slice(0, fragment.length - 7))).toMatch(/damaged/);
    expect(await refused("share=1.")).toMatch(/damaged/);
    expect(await refused("share=")).toMatch(/format version/);
  });

  it("refuse an edited checksum, bad characters, and a newer format with a clear word", async () => {
    const fragment = await encodeShare(sample);
    const [head, check, payload] = fragment.split(".");
    expect(await refused(`${head}.00000000.${payload}`)).toMatch(/checksum does not match/);
    expect(await refused(`${head}.${check}.${payload}!`)).toMatch(/characters/);
    expect(await refused(`${head}.zz.${payload}`)).toMatch(/checksum is missing/);
    expect(await refused(fragment.replace("share=1.", "share=2."))).toMatch(/newer Ringlab \(format 2\)/);
    expect(await refused(fragment.replace("share=1.", "share=x."))).toMatch(/format version/);
    expect(await refused("something-else")).toMatch(/not a Ringlab share link/);
  });

  it("refuse well-formed links whose content is not a Ringlab machine", async () => {
    expect(await refused(await forged("{not json"))).toMatch(/not readable/);
    expect(await refused(await forged(new Uint8Array([0xff, 0xfe, 0x00])))).toMatch(/not readable/);
    expect(await refused(await forged(JSON.stringify({ ...sample, v: 2 })))).toMatch(/does not describe/);
    expect(await refused(await forged(JSON.stringify({ ...sample, extra: 1 })))).toMatch(/does not describe/);
    expect(
      await refused(await forged(JSON.stringify({ ...sample, files: { "../../etc/passwd": "x" } }))),
    ).toMatch(/files/);
    expect(
      await refused(await forged(JSON.stringify({ ...sample, open: { ...sample.open, mode: "root" } }))),
    ).toMatch(/open\.mode/);
    expect(await refused(await forged(JSON.stringify({ ...sample, seed: -1 })))).toMatch(/seed/);
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`/f${i}.c`, ""]));
    expect(await refused(await forged(JSON.stringify({ ...sample, files: many })))).toMatch(
      /at most 64 files/,
    );
  });

  it("refuse content that inflates past the limit without inflating all of it", async () => {
    const bomb = new Uint8Array(MAX_JSON_BYTES * 8).fill(0x20);
    const fragment = await forged(bomb);
    expect(fragment.length).toBeLessThan(20_000);
    expect(await refused(fragment)).toMatch(/larger than Ringlab allows/);
  });

  it("refuse a link that is not even deflate data", async () => {
    const junk = new TextEncoder().encode("this is not deflate at all, but it has a good checksum");
    const fragment = `share=1.${crc32(junk).toString(16).padStart(8, "0")}.${encodeBase64url(junk)}`;
    expect(await refused(fragment)).toMatch(/does not decompress|not readable/);
  });

  it("open in the app: a good link restores the machine, a tampered one gives a message and a clean machine", async () => {
    const app = new App({ now: () => 0 });
    expect(await app.openShare(await encodeShare(sample))).toBe(true);
    expect(app.state.scenario.seed).toBe(42);
    expect(app.state.editor.path).toBe("/drivers/mine.c");
    expect(app.state.editor.mode).toBe("user");
    expect(app.state.editor.checked).toBe(true);
    expect(app.session.kernel.machine.devices.disk.readText("/drivers/other.s")).toBe("; nothing\n");
    // The state shared again is the state received.
    expect(await decodeShare(await app.shareFragment())).toEqual({ ok: true, state: sample });

    const fragment = await encodeShare(sample);
    expect(await app.openShare(`${fragment.slice(0, -3)}AAA`)).toBe(false);
    expect(app.state.notice?.kind).toBe("error");
    expect(app.state.notice?.text).toMatch(/damaged/);
    expect(app.state.scenario).toEqual({ seed: 1, files: {} });
    expect(app.state.editor.path).toBe("/drivers/null-driver.c");
    expect(app.session.kernel.machine.devices.disk.read("/drivers/mine.c")).toBeUndefined();
    expect(app.session.kernel.state).toBe("running");
  });
});

// The learner's files kept between visits: saved files come back on the next visit's first machine,
// damaged storage is ignored, a refusing storage says so, and Default files forgets them.
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { FILES_KEY, type FileStorage, loadFiles } from "../../src/app/savedFiles";

function memoryStorage(): FileStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const app = (storage?: FileStorage) => new App({ now: () => 0, storage });

describe("saved files", () => {
  it("puts the files saved on one visit on the disk of the next visit's machine", () => {
    const storage = memoryStorage();
    const first = app(storage);
    first.editor.open("/drivers/null-driver.c");
    first.editor.edit("// mine\nint main(void) { return 0; }\n");
    expect(first.editor.save()).toBe(true);
    expect(first.editor.create("/drivers/new.c")).toBeNull();

    const second = app(storage);
    expect(second.editor.readFile("/drivers/null-driver.c")).toBe("// mine\nint main(void) { return 0; }\n");
    expect(second.editor.readFile("/drivers/new.c")).toMatch(/A new driver/);
    expect(second.state.editor.text).toMatch(/^\/\/ mine/);
  });

  it("forgets them with Default files, in the storage too", () => {
    const storage = memoryStorage();
    const first = app(storage);
    first.editor.edit("// mine\n");
    first.editor.save();
    const original = app().editor.readFile("/drivers/null-driver.c");
    first.restoreDefaultFiles();
    expect(first.editor.readFile("/drivers/null-driver.c")).toBe(original);
    expect(first.state.editor.text).toBe(original);
    expect(storage.data.has(FILES_KEY)).toBe(false);
    expect(app(storage).editor.readFile("/drivers/null-driver.c")).toBe(original);
  });

  it("ignores what it cannot trust in the storage", () => {
    for (const raw of ["not json", '{"relative/path.c":"x"}', '{"/a.c":5}', "[]"]) {
      const storage = memoryStorage();
      storage.setItem(FILES_KEY, raw);
      expect(loadFiles(storage), raw).toEqual({});
    }
  });

  it("says so when the browser refuses to keep the files", () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    const refused = app(storage);
    refused.editor.edit("// mine\n");
    expect(refused.editor.save()).toBe(true);
    expect(refused.state.notice?.kind).toBe("error");
    expect(refused.state.notice?.text).toMatch(/would not keep your files/);
  });
});

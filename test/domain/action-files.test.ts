// Each action a flow may call lives in a file named after it, under the name it is exported by.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actions } from "../../src/domain/actions/registry.ts";

const DOMAIN = path.join(import.meta.dirname, "../../src/domain");
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every `<family>/<file>.ts` of the domain, by file name without `.ts`. */
function domainFiles(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const family of readdirSync(DOMAIN)) {
    for (const file of readdirSync(path.join(DOMAIN, family))) {
      if (!file.endsWith(".ts")) continue;
      const name = file.slice(0, -3);
      files.set(name, [...(files.get(name) ?? []), path.join(DOMAIN, family, file)]);
    }
  }
  return files;
}

describe("action files", () => {
  it("each registered action is the export of that name in a file named after it", async () => {
    const files = domainFiles();
    for (const [name, registered] of Object.entries(actions)) {
      const [file, ...others] = files.get(kebab(name)) ?? [];
      expect(file, `no file ${kebab(name)}.ts for ${name}`).toBeDefined();
      expect(others, `more than one ${kebab(name)}.ts`).toEqual([]);
      const exports = await import(file as string);
      expect(exports[name], `${file} does not export ${name}`).toBe(registered);
    }
  });

  it("no file holds more than one registered action", async () => {
    const registered = new Set(Object.values(actions));
    for (const [, paths] of domainFiles()) {
      for (const file of paths) {
        const held = Object.values(await import(file)).filter((v) => registered.has(v as never));
        expect(held.length, file).toBeLessThanOrEqual(1);
      }
    }
  });
});

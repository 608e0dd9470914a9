// Read flows/*.yaml from disk and hand the text to the engine's loader.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type LoadResult, loadFlows } from "../engine/loader.ts";

export function loadFlowDir(dir: string): LoadResult {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  return loadFlows(files.map((file) => ({ file: path.join(dir, file), text: readFileSync(path.join(dir, file), "utf8") })));
}

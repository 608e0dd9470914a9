// The shared real-shaped webhook payloads (../shared/samples beside the repo).
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../src/app.ts";

export const SAMPLES = path.resolve(ROOT, "..", "shared", "samples");

export function sample<T = Record<string, unknown>>(channel: "telegram" | "zalo", name: string): T {
  return JSON.parse(readFileSync(path.join(SAMPLES, channel, `${name}.json`), "utf8")) as T;
}

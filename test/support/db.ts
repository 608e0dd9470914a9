// A fresh SQLite database per test: a copy of the migrated template.
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP } from "./global-setup.ts";

export function freshDatabaseUrl(): string {
  const dir = path.join(TMP, "db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  return `file:${file}`;
}

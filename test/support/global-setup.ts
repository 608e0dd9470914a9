// Migrate one template database with the real migrations (prisma migrate deploy); each test file copies it.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../src/db/migrate.ts";

export const TMP = path.resolve(import.meta.dirname, "..", "..", ".tmp");
export const TEMPLATE_DB = path.join(TMP, "template.db");

export default async function setup(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  rmSync(TEMPLATE_DB, { force: true });
  await migrate(`file:${TEMPLATE_DB}`);
}

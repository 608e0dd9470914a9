// Applies pending migrations with the Prisma CLI (`migrate deploy`), the same path operators use.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

export async function migrate(databaseUrl: string): Promise<void> {
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  await run(prisma, ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
}

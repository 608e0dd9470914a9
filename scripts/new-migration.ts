// Makes a new migration offline: `prisma migrate dev` needs a shadow database, which the
// driver-adapter setup can't give, so we diff the schema against the snapshot of the last migration.
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: npm run db:new-migration -- <name in snake_case>\n");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma", "migrations");
const schema = path.join(root, "prisma", "schema.prisma");
const snapshot = path.join(root, "prisma", "schema.last-migration.prisma");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d/.test(d));
const from = hasMigrations ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = execFileSync(
  path.join(root, "node_modules", ".bin", "prisma"),
  ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
  { cwd: root, encoding: "utf8" },
);
if (/^-- This is an empty migration/m.test(sql)) {
  process.stderr.write("schema unchanged: no migration written\n");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
const lock = path.join(migrationsDir, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "sqlite"\n');
copyFileSync(schema, snapshot);
process.stdout.write(`wrote ${path.relative(root, dir)}/migration.sql\n`);

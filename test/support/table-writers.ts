// Which source files write a table, through the query builder (`tx.outboxMessage.create…`), the
// bulk helpers (`insertRows(tx, "OutboxMessage", …)`) or raw SQL (`DELETE FROM "OutboxMessage"`).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

/** The files under `srcDir` (relative to it) that write `model` (its Prisma name, e.g. "OutboxMessage"). */
export function writersOf(srcDir: string, model: string): string[] {
  const client = model[0]?.toLowerCase() + model.slice(1);
  const patterns = [
    new RegExp(`\\.${client}\\.(create|createMany|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\\b`),
    new RegExp(`(insertRows|upsertRows|insertRowsReturningIds)\\(\\s*[\\w.]+,\\s*"${model}"`),
    new RegExp(`(INSERT INTO|UPDATE|DELETE FROM)\\s+"${model}"`, "i"),
  ];
  return sourceFiles(srcDir)
    .filter((file) => {
      const text = readFileSync(file, "utf8");
      return patterns.some((p) => p.test(text));
    })
    .map((file) => path.relative(srcDir, file))
    .sort();
}

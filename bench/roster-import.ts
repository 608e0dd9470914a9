// import-roster at scale: 10,000 rows (170 clubs of ~60) through the real CLI, first import and re-import.
// Run: npx tsx bench/roster-import.ts
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../src/root.ts";
import { freshFile } from "./fresh-db.ts";

const ROWS = Number(process.env.ROWS ?? 10_000);
const db = freshFile("roster.db");
const dir = path.dirname(db);

const lines = ["province,commune,club_code,club_name,full_name,gender,birth_year,phone,roles"];
for (let i = 0; i < ROWS; i++) {
  const club = Math.floor(i / 60);
  const phone = `09${String(10_000_000 + i).padStart(8, "0")}`;
  lines.push(
    `Lạng Sơn,Xã ${club % 40},LS-${club},CLB ${club},Thành Viên Số ${i},${i % 3 ? "F" : "M"},${1940 + (i % 60)},${phone},${i % 60 < 3 ? "member|board" : "member"}`,
  );
}
const csv = path.join(dir, "roster-10k.csv");
writeFileSync(csv, `${lines.join("\n")}\n`);

function timed(label: string) {
  const started = performance.now();
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/main.ts", "import-roster", csv], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${db}`, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  process.stdout.write(
    `roster-import ${label}: ${((performance.now() - started) / 1000).toFixed(2)} s (whole command) — ${out.trim()}\n`,
  );
}
timed("first import");
timed("re-import");

// A province of 500 clubs × 60 members with a year of records (meetings and attendance, loans with
// monthly repayments, funds, visits, weekly health reminders), then the real `report` command for
// the province and the year, as .xlsx. Prints the command's time and peak RSS (targets ≤10 s, ≤300 MB).
// Run: npx tsx bench/report.ts   (CLUBS=50 for a quicker look)
import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../src/root.ts";
import { freshDatabase, freshFile } from "./fresh-db.ts";
import { CLUBS, MEMBERS, seedProvince } from "./province-seed.ts";

const { url, db } = await freshDatabase("report.db");
const seedStarted = performance.now();
const rows = await seedProvince(db);
await db.$disconnect();
console.log(
  `seeded ${CLUBS} clubs × ${MEMBERS} members, ${rows.toLocaleString("en")} rows, in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

const out = freshFile("report-province.xlsx");
const started = performance.now();
// The real command as an operator runs it (`npm run cli`, whose node flags count); every process of it
// reports its peak RSS on exit (bench/print-peak-rss.cjs) and the largest is the command's.
const { stderr } = await promisify(execFile)(
  "npm",
  ["run", "-s", "cli", "--", "report", "--scope", "province:Tỉnh Mẫu", "--period", "2025", "--out", out],
  {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: "silent",
      NODE_OPTIONS: `--require ${path.join(ROOT, "bench", "print-peak-rss.cjs")}`,
    },
    maxBuffer: 16 * 1024 * 1024,
  },
);
const seconds = (performance.now() - started) / 1000;
const peak = Math.max(...[...stderr.matchAll(/peak-rss-kb (\d+)/g)].map((m) => Number(m[1]))) / 1024;
process.stderr.write(stderr.replace(/peak-rss-kb \d+\n/g, ""));
console.log(
  `report --scope province --period 2025: ${seconds.toFixed(2)} s (npm and process start included), peak RSS ${peak.toFixed(0)} MB, ${(statSync(out).size / 1024).toFixed(0)} KB xlsx`,
);
console.log(`targets: ≤10 s ${seconds <= 10 ? "met" : "NOT met"}, ≤300 MB ${peak <= 300 ? "met" : "NOT met"}`);

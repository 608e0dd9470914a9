// `npm audit` of the lockfile's production dependencies against an allow-list (audit-allow.json:
// each advisory kept on purpose, with the reason). Fails on any advisory of moderate severity or
// worse that is not allowed. Where the registry has no advisory service (an offline mirror), it says
// so and fails only when AUDIT_REQUIRED=1.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ROOT } from "../src/root.ts";

const allowList = z
  .array(z.object({ advisory: z.string(), package: z.string(), reason: z.string().min(10) }))
  .parse(JSON.parse(readFileSync(path.join(ROOT, "audit-allow.json"), "utf8")));

const report = z
  .object({
    vulnerabilities: z
      .record(
        z.string(),
        z.object({
          severity: z.string(),
          via: z.array(z.union([z.string(), z.object({ url: z.string().optional(), title: z.string().optional() })])),
        }),
      )
      .optional(),
    statusCode: z.number().optional(),
    message: z.string().optional(),
  })
  .parse(JSON.parse(run()));

function run(): string {
  try {
    return execFileSync("npm", ["audit", "--omit=dev", "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    // npm audit exits non-zero when it finds something: its report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? "{}");
  }
}

if (!report.vulnerabilities) {
  console.log(`audit: the registry gave no advisories (${report.message ?? "no report"})`);
  process.exit(process.env.AUDIT_REQUIRED === "1" ? 1 : 0);
}
const SERIOUS = new Set(["moderate", "high", "critical"]);
const found = Object.entries(report.vulnerabilities).flatMap(([name, v]) =>
  SERIOUS.has(v.severity)
    ? v.via.flatMap((via) =>
        typeof via === "string" ? [] : [{ name, severity: v.severity, advisory: via.url ?? "", title: via.title ?? "" }],
      )
    : [],
);
const open = found.filter((f) => !allowList.some((a) => a.package === f.name && a.advisory === f.advisory));
for (const f of found)
  console.log(`${open.includes(f) ? "NOT ALLOWED" : "allowed"}: ${f.name} (${f.severity}) ${f.title} ${f.advisory}`);
console.log(`audit: ${found.length} advisory(ies), ${open.length} not on the allow-list`);
process.exit(open.length === 0 ? 0 : 1);

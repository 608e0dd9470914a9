// The web workplace's heaviest pages on a province of 500 clubs × 60 members with a year of records:
// the province page and a commune page (a month and the whole year), served by the built server as
// `npm start` runs it. Prints time to first byte and the full page, and the server's peak RSS
// (goals: ≤1 s to first byte, ≤250 MB); and the 12-month trends pages. Run: npx tsx bench/web-pages.ts   (CLUBS=50 for a quick look)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { write } from "../src/db/client.ts";
import { issueWebLink } from "../src/domain/web-access/links.ts";
import { startServer } from "../test/support/server-process.ts";
import { freshDatabase } from "./fresh-db.ts";
import { CLUBS, MEMBERS, seedProvince } from "./province-seed.ts";

const ROUNDS = 3;

const { url: databaseUrl, db } = await freshDatabase("web-pages.db");
await seedProvince(db);
const club = await db.club.findFirstOrThrow({ where: { id: "c0" }, include: { commune: true } });
const officer = async (fullName: string, area: { communeId: string } | { provinceId: string }) => {
  const member = await db.member.create({ data: { clubId: club.id, fullName, gender: "F", birthYear: 1965 } });
  await db.role.create({ data: { memberId: member.id, role: "officer", ...area } });
  return member.id;
};
const provinceOfficer = await officer("Cán bộ Tỉnh", { provinceId: club.commune.provinceId });
const communeOfficer = await officer("Cán bộ Xã", { communeId: club.communeId });
console.log(`seeded ${CLUBS} clubs × ${MEMBERS} members with 2025's records`);

execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
const server = await startServer({ DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" }, [], "build");

/** A signed-in cookie for this member, through a one-time link like the bot's. */
async function cookieFor(memberId: string): Promise<string> {
  const token = await write(db, (tx) => issueWebLink(tx, memberId, new Date()));
  const res = await fetch(`${server.url}/web/login/${token}`, { redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function timed(path: string, cookie: string): Promise<{ firstByte: number; total: number; status: number }> {
  const started = performance.now();
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  const firstByte = performance.now() - started;
  await res.text();
  return { firstByte, total: performance.now() - started, status: res.status };
}

const pages = [
  { name: "province, a month", path: `/web/province/${club.commune.provinceId}?period=2025-11`, who: provinceOfficer },
  { name: "province, the year", path: `/web/province/${club.commune.provinceId}?period=2025`, who: provinceOfficer },
  { name: "commune, a month", path: `/web/commune/${club.communeId}?period=2025-11`, who: communeOfficer },
  { name: "commune, the year", path: `/web/commune/${club.communeId}?period=2025`, who: communeOfficer },
  { name: "commune, 12 months", path: `/web/commune/${club.communeId}/trends`, who: communeOfficer },
  { name: "province, 12 months", path: `/web/province/${club.commune.provinceId}/trends`, who: provinceOfficer },
];
let worst = 0;
for (const p of pages) {
  const cookie = await cookieFor(p.who);
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await timed(p.path, cookie));
  if (runs.some((r) => r.status !== 200)) throw new Error(`${p.name}: status ${runs.map((r) => r.status).join(",")}`);
  const first = runs.map((r) => r.firstByte);
  // The 12-month trends are a page of their own, apart from the goal for the area pages.
  if (!p.path.includes("/trends")) worst = Math.max(worst, ...first);
  console.log(
    `${p.name.padEnd(20)} first byte ${first.map((ms) => ms.toFixed(0)).join(" / ")} ms; whole page ${runs.map((r) => r.total.toFixed(0)).join(" / ")} ms`,
  );
}
const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
const peakMb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024;
await server.stop();
await db.$disconnect();
console.log(`server peak RSS ${peakMb.toFixed(0)} MB`);
console.log(
  `goals: first byte ≤1 s ${worst <= 1000 ? "met" : "NOT met"} (worst ${worst.toFixed(0)} ms), ≤250 MB ${peakMb <= 250 ? "met" : "NOT met"}`,
);

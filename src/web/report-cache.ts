// Reports of the workplace's pages, kept a minute: sorting a province's table or downloading the
// spreadsheet right after reading the page does not build the same report again, and the file holds
// the very figures the page showed. Bounded: the oldest goes first.
import type { Report } from "../domain/reports/build.ts";

const KEPT_MS = 60_000;
const MAX_KEPT = 32;

export class ReportCache {
  private readonly kept = new Map<string, { at: number; report: Promise<Report> }>();

  get(key: string, now: Date, build: () => Promise<Report>): Promise<Report> {
    const hit = this.kept.get(key);
    if (hit && now.getTime() - hit.at < KEPT_MS && now.getTime() >= hit.at) return hit.report;
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    const report = build();
    this.kept.set(key, { at: now.getTime(), report });
    // A failed build is not kept.
    report.catch(() => this.kept.delete(key));
    return report;
  }
}

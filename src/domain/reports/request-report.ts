// «Báo cáo» in the bot: this month's or last month's report of the asker's area, made by a job (so
// the webhook answers at once) and sent as a short text with a chart, or as a spreadsheet.
import { z } from "zod";
import { action } from "../actions/action.ts";
import { enqueueJob } from "../scheduling/enqueue-job.ts";
import { reportAreaOf } from "./area.ts";
import { monthPeriod } from "./period.ts";
import { periodLabel } from "./present.ts";

export const REPORT_JOB = "report.deliver";

export type ReportJob = {
  accountId: string;
  level: "club" | "commune" | "province";
  areaId: string;
  period: string;
  what: "summary" | "file";
  monthly?: boolean;
  /** The period as asked in the chat: the spreadsheet of it is offered after the chart. */
  offer?: "this_month" | "last_month";
};

export const requestReport = action({
  input: z.object({ period: z.enum(["this_month", "last_month"]), file: z.boolean().default(false) }),
  allowed: (actor) => actor.member !== undefined && (actor.roles.includes("board") || actor.roles.includes("officer")),
  async run(tx, input, actor, now, fmt) {
    const area = await reportAreaOf(tx, actor);
    if (!area) return { status: "no_area" };
    const period = monthPeriod(now, input.period === "last_month" ? 1 : 0);
    const payload: ReportJob = {
      accountId: actor.accountId,
      level: area.level,
      areaId: area.id,
      period: period.id,
      what: input.file ? "file" : "summary",
      ...(input.file ? {} : { offer: input.period }),
    };
    await enqueueJob(tx, { kind: REPORT_JOB, runAt: now, payload });
    return { status: "queued", period: periodLabel((key, params) => fmt.text(key, params), period), area: area.name };
  },
});

// Reports in the bot: the delivery job (made outside the write transaction, then queued as a text, a
// chart picture or a spreadsheet) and the monthly sweep that sends each board and officer last
// month's report on the 1st from 8:00.
import { messageParts } from "../channels/choices.ts";
import { fileUrl } from "../channels/file-url.ts";
import { channelKind, type OutboundMessage } from "../channels/types.ts";
import { type Db, type Tx, write } from "../db/client.ts";
import { loadAccounts } from "../domain/actors/actors.ts";
import { question } from "../domain/outbox/compose.ts";
import { queueMessages } from "../domain/outbox/queue.ts";
import { OPEN_CHAT } from "../domain/outbox/reach.ts";
import { reportAreaOf } from "../domain/reports/area.ts";
import { keepFile, type StoredFile, XLSX_MIME } from "../domain/reports/files.ts";
import { monthPeriod, parsePeriod } from "../domain/reports/period.ts";
import { reportPeriodLabel, summaryChart, summaryText } from "../domain/reports/present.ts";
import { REPORT_JOB, type ReportJob } from "../domain/reports/request-report.ts";
import type { Plan } from "../domain/reports/targets.ts";
import { enqueueJob } from "../domain/scheduling/enqueue-job.ts";
import { parkSessions } from "../domain/sessions/sessions.ts";
import { outsideQuietHours } from "../domain/time/quiet-hours.ts";
import { startOfVietnamMonth, vietnamDay } from "../domain/time/vietnam-time.ts";
import { PARKED, waitingAt } from "../engine/session-codec.ts";
import type { Addressable } from "../i18n/address.ts";
import { formatterFor } from "../i18n/format.ts";
import type { I18n } from "../i18n/index.ts";
import type { PreparedJob } from "./scheduler.ts";

export type ReportDeps = { db: Db; i18n: I18n; plans: Plan[]; publicUrl?: string };

/** What the job made before its transaction: nothing when the asker may no longer see that area. */
type Made = { lang: string; text: string; caption: string; file: StoredFile } | undefined;

/** The monthly report goes out from 08:00 on the 1st, until the 3rd for a server that was down. */
const MONTHLY_HOUR = 8;
const MONTHLY_LAST_DAY = 3;

export function reportJobHandlers(deps: ReportDeps): Record<string, PreparedJob<Made>> {
  return {
    [REPORT_JOB]: {
      prepare: (payload, now) => make(deps, payload as ReportJob, now),
      commit: (tx, payload, now, made) => queue(tx, deps, payload as ReportJob, now, made),
    },
  };
}

async function make(deps: ReportDeps, job: ReportJob, now: Date): Promise<Made> {
  const [account] = await loadAccounts(deps.db, { ids: [job.accountId] });
  if (!account) return undefined;
  // Rights are checked again when the report is made: a role removed meanwhile sends nothing.
  const area = await reportAreaOf(deps.db, account.actor);
  const period = parsePeriod(job.period);
  if (!area || area.level !== job.level || area.id !== job.areaId || !period) return undefined;
  const lang = account.actor.member?.language ?? "vi";
  // The report modules (spreadsheets, charts) load on the first report, not at startup.
  const [{ makeReport }, { reportXlsx }] = await Promise.all([
    import("../domain/reports/make-report.ts"),
    import("../domain/reports/spreadsheet.ts"),
  ]);
  const report = await makeReport(deps.db, { plans: deps.plans, scope: area, period, now });
  const caption = deps.i18n.t(lang, "report:file_caption", {
    period: reportPeriodLabel(deps.i18n, lang, report),
    area: area.name,
  });
  if (job.what === "file") {
    const bytes = await reportXlsx(deps.i18n, lang, report);
    return { lang, text: "", caption, file: { filename: `bao-cao-${job.period}.xlsx`, mime: XLSX_MIME, bytes } };
  }
  const intro = job.monthly ? `${deps.i18n.t(lang, "report:monthly_intro")}\n` : "";
  const png = summaryChart(deps.i18n, lang, report);
  return {
    lang,
    text: intro + summaryText(deps.i18n, lang, report),
    caption,
    file: { filename: `bieu-do-${job.period}.png`, mime: "image/png", bytes: png },
  };
}

async function queue(tx: Tx, deps: ReportDeps, job: ReportJob, now: Date, made: Made): Promise<void> {
  const account = await tx.channelAccount.findFirst({ where: { id: job.accountId, ...OPEN_CHAT }, include: { member: true } });
  if (!made || !account) return;
  // A spreadsheet comes alone; a summary's text before its picture.
  const messages: OutboundMessage[] = made.text === "" ? [] : messageParts(made.text).map((text) => ({ text }));
  // Zalo has no documents: the spreadsheet goes as a one-time link to this server.
  const asLink = job.what === "file" && channelKind(account.channel) === "zalo";
  const fileId = await keepFile(tx, { ...made.file, accountId: account.id, oneTime: asLink }, now);
  if (asLink) {
    const url = deps.publicUrl ? fileUrl(deps.publicUrl, fileId) : `/files/${fileId}`;
    messages.push({ text: deps.i18n.t(made.lang, "report:file_link", { caption: made.caption, url }) });
  } else {
    const kind = job.what === "file" ? "document" : "photo";
    messages.push({ text: made.caption, attachment: { kind, fileId, filename: made.file.filename } });
  }
  if (job.offer) messages.push(await offerFile(tx, deps, account, made.lang, job.offer, now));
  await queueMessages(tx, account, messages, now);
}

/** How long the spreadsheet's button stays an answer. */
const OFFER_HOURS = 24;

/**
 * The spreadsheet offered after the chart, so it is the newest message on screen: the chat is left
 * waiting at the report's offer (its 1 or button), unless it is busy with another question, which
 * gets the offer in words.
 */
async function offerFile(
  tx: Tx,
  deps: ReportDeps,
  account: { id: string; member: Addressable | null },
  lang: string,
  period: NonNullable<ReportJob["offer"]>,
  now: Date,
): Promise<OutboundMessage> {
  const fmt = formatterFor(deps.i18n, lang);
  const me = fmt.address(account.member ?? undefined, now.getUTCFullYear());
  const choices = [{ id: "file", label: fmt.text("report:get_file") }];
  const state = waitingAt(PARKED.reportOffer, choices, { period });
  const expires = new Date(now.getTime() + OFFER_HOURS * 3_600_000);
  const parked = (await parkSessions(tx, [{ accountIds: [account.id], state }], expires, now)).get(account.id);
  if (parked === undefined) return { text: fmt.text("report:offer_file_words", { me }) };
  return question(fmt, { text: fmt.text("report:offer_file", { me }) }, choices, parked);
}

/** On the 1st from 08:00: last month's report to every board member and officer with an open chat, once. */
export function monthlyReports(db: Db): (now: Date) => Promise<number> {
  let doneFor = "";
  return async (now) => {
    const day = vietnamDay(now);
    const from = new Date(startOfVietnamMonth(now).getTime() + MONTHLY_HOUR * 3_600_000);
    const period = monthPeriod(now, 1);
    if (day.day > MONTHLY_LAST_DAY || now < from || doneFor === period.id) return 0;
    const ids = await db.channelAccount.findMany({
      where: { ...OPEN_CHAT, member: { status: "active", roles: { some: { role: { in: ["board", "officer"] } } } } },
      select: { id: true },
    });
    const accounts = await loadAccounts(db, { ids: ids.map((a) => a.id) });
    const queued = await write(db, async (tx) => {
      let count = 0;
      for (const account of accounts) {
        const area = await reportAreaOf(tx, account.actor);
        if (!area) continue;
        const payload: ReportJob = {
          accountId: account.id,
          level: area.level,
          areaId: area.id,
          period: period.id,
          what: "summary",
          monthly: true,
        };
        await enqueueJob(tx, {
          kind: REPORT_JOB,
          runAt: outsideQuietHours(now),
          payload,
          dedupeKey: `report.monthly:${period.id}:${account.id}`,
        });
        count += 1;
      }
      return count;
    });
    doneFor = period.id;
    return queued;
  };
}

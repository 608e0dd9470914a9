// Operator commands: `npm run cli -- <command> [options]`. Each has --help; bad input exits non-zero with one line.
import { writeFile } from "node:fs/promises";
import { startLink } from "../channels/telegram/start-link.ts";
import { createTelegram } from "../channels/telegram/telegram.ts";
import { createZalo } from "../channels/zalo/zalo.ts";
import { loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { issueClubCodes, issueProxyCode } from "../domain/club-invites.ts";
import { seedDemo } from "../domain/demo-seed.ts";
import { importLedger, LedgerImportError, validateLedger } from "../domain/loans/import-ledger.ts";
import { attendanceRows, meetingCode } from "../domain/meetings/export.ts";
import { importRoster } from "../domain/roster/import-roster.ts";
import { validateRoster } from "../domain/roster/roster-rows.ts";
import type { RowError } from "../domain/roster/row-errors.ts";
import { visitRows } from "../domain/visits/export.ts";
import { formatProblem } from "../engine/loader.ts";
import { createLogger } from "../logger.ts";
import { ROOT } from "../root.ts";
import { checkProject } from "../runtime/project-check.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
import { demoRemove } from "./demo-remove.ts";
import { eraseMemberCommand } from "./erase-member.ts";
import { reportCommand } from "./report.ts";
import { csvLine, option, reportBadRows, withDb } from "./support.ts";
import { webLinkCommand } from "./web-link.ts";

/** A roster or ledger file's rows; the spreadsheet reader loads only for the commands that read one. */
async function readTable(file: string) {
  return (await import("../domain/roster/read-table.ts")).readTable(file);
}

export type Command = { summary: string; usage: string; run: (args: string[]) => Promise<number> };

export const commands: Record<string, Command> = {
  serve: {
    summary: "apply migrations, seed an empty database, serve on PORT",
    usage: "serve",
    run: async () => {
      // Loaded here: the server's modules are not needed by the other commands (a report's memory stays low).
      const { serve } = await import("./serve.ts");
      await serve();
      return 0;
    },
  },
  migrate: {
    summary: "apply pending migrations to DATABASE_URL (idempotent)",
    usage: "migrate",
    run: async () => {
      await migrate(loadConfig().databaseUrl);
      process.stdout.write("migrations applied\n");
      return 0;
    },
  },
  "seed-demo": {
    summary: "load the demo club, members and invite codes (idempotent)",
    usage: "seed-demo",
    run: () =>
      withDb(async (db) => {
        const result = await seedDemo(db, new Date(), { meetingToday: true });
        process.stdout.write(`demo seeded: ${result.created} new members\n`);
        for (const c of result.codes) process.stdout.write(`demo invite code for ${c.fullName}: ${c.code}\n`);
        return 0;
      }),
  },
  "flows:check": {
    summary: "validate flows/, locales/ and targets/; lists every problem as file:node: problem (file:line for a plan)",
    usage: "flows:check [--flows DIR] [--locales DIR] [--targets DIR] (paths relative to the project root)",
    run: async (args) => {
      const flows = option(args, "--flows") ?? "flows";
      const locales = option(args, "--locales") ?? "locales";
      const targets = option(args, "--targets");
      const { flows: loaded, problems } = checkProject(ROOT, { flows, locales, targets });
      for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
      if (problems.length > 0) {
        process.stderr.write(`flows:check: ${problems.length} problem(s)\n`);
        return 1;
      }
      process.stdout.write(`flows:check: ${loaded.size} flows ok\n`);
      return 0;
    },
  },
};

commands["demo:remove"] = demoRemove;
commands["erase-member"] = eraseMemberCommand;
commands["web-link"] = webLinkCommand;
commands.backup = backupCommand;
commands.report = reportCommand;
commands.restore = restoreCommand;

commands["webhooks:set"] = {
  summary: "register PUBLIC_URL/webhooks/<channel> with each configured channel's API",
  usage: "webhooks:set",
  run: async () => {
    const config = loadConfig();
    if (!config.publicUrl) throw new Error("PUBLIC_URL: required for webhooks:set");
    const silent = createLogger("silent");
    let done = 0;
    if (config.telegram) {
      await createTelegram(config.telegram, {
        handle: async () => undefined,
        logger: silent,
        clock: () => new Date(),
        readFile: async () => undefined, // registering a webhook sends no files
      }).setWebhook(config.publicUrl);
      process.stdout.write("telegram webhook set\n");
      done += 1;
    }
    if (config.zalo) {
      await createZalo(config.zalo, { handle: async () => undefined, logger: silent, clock: () => new Date() }).setWebhook(
        config.publicUrl,
      );
      process.stdout.write("zalo webhook set\n");
      done += 1;
    }
    if (done === 0) throw new Error("no channel configured: set TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN");
    return 0;
  },
};

commands["import-roster"] = {
  summary: "import members from a roster file (.csv or .xlsx); all rows or none",
  usage: "import-roster <file.csv|file.xlsx>",
  run: async (args) => {
    const file = args[0];
    if (!file) throw new Error("import-roster: name a .csv or .xlsx file");
    const table = await readTable(file);
    const now = new Date();
    const { rows, errors } = validateRoster(table, now.getFullYear());
    if (errors.length > 0) return reportBadRows("import-roster", errors);
    return withDb(async (db) => {
      const progress =
        rows.length > 1000 ? (done: number) => process.stderr.write(`imported ${done}/${rows.length} rows\n`) : undefined;
      const result = await importRoster(db, rows, now, progress);
      process.stdout.write(
        `${rows.length} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
      );
      return 0;
    });
  },
};

commands["import-ledger"] = {
  summary: "import the treasurer's book (.csv or .xlsx: club_code,phone,loan_ref,kind,amount_vnd,date,note); all rows or none",
  usage:
    "import-ledger <file> [--term <months, default 12>] [--rate-bp <monthly basis points, default 0>] [--method equal_principal|interest_only]",
  run: async (args) => {
    const file = args[0];
    if (!file || file.startsWith("--")) throw new Error("import-ledger: name a .csv or .xlsx file");
    const defaults = {
      termMonths: Number(option(args, "--term") ?? 12),
      rateBp: Number(option(args, "--rate-bp") ?? 0),
      method: (option(args, "--method") ?? "equal_principal") as "equal_principal" | "interest_only",
    };
    if (
      !Number.isInteger(defaults.termMonths) ||
      defaults.termMonths < 1 ||
      !Number.isInteger(defaults.rateBp) ||
      defaults.rateBp < 0
    ) {
      throw new Error("import-ledger: --term and --rate-bp take whole numbers");
    }
    if (!["equal_principal", "interest_only"].includes(defaults.method))
      throw new Error("import-ledger: --method is equal_principal or interest_only");
    const { rows, errors } = validateLedger(await readTable(file));
    const report = (list: RowError[]) => reportBadRows("import-ledger", list);
    if (errors.length > 0) return report(errors);
    return withDb(async (db) => {
      try {
        const result = await importLedger(db, rows, defaults);
        process.stdout.write(`${rows.length} rows: ${result.recorded} recorded, ${result.already} already in the book\n`);
        return 0;
      } catch (error) {
        if (error instanceof LedgerImportError) return report(error.errors);
        throw error;
      }
    });
  },
};

commands["invite-codes"] = {
  summary: "print CSV member_id,full_name,phone,code: a fresh one-time code for every member not yet linked (or one proxy code)",
  usage: "invite-codes --club <club_code> [--proxy-for <member_id>]",
  run: async (args) => {
    const club = option(args, "--club");
    if (!club) throw new Error("invite-codes: --club <club_code> is required");
    const proxyFor = option(args, "--proxy-for");
    return withDb(async (db) => {
      const codes = proxyFor
        ? [await issueProxyCode(db, club, proxyFor, new Date())]
        : await issueClubCodes(db, club, new Date());
      process.stdout.write(`${csvLine(["member_id", "full_name", "phone", "code"])}\n`);
      for (const c of codes) process.stdout.write(`${csvLine([c.memberId, c.fullName, c.phone ?? "", c.code])}\n`);
      return 0;
    });
  },
};

commands.attendance = {
  summary: "write one meeting's attendance as CSV",
  usage: "attendance --meeting <id> --out <file.csv>",
  run: async (args) => {
    const meeting = option(args, "--meeting");
    const out = option(args, "--out");
    if (!meeting || !out) throw new Error("attendance: --meeting <id> and --out <file.csv> are required");
    return withDb(async (db) => {
      const rows = await attendanceRows(db, meeting);
      await writeFile(out, `${rows.map(csvLine).join("\n")}\n`);
      process.stdout.write(`${rows.length - 1} members written to ${out}\n`);
      return 0;
    });
  },
};

commands.visits = {
  summary: "print a club's home visits of one month as CSV",
  usage: "visits --club <club_code> --month YYYY-MM",
  run: async (args) => {
    const club = option(args, "--club");
    const month = option(args, "--month");
    if (!club || !month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new Error("visits: --club <club_code> and --month YYYY-MM are required");
    return withDb(async (db) => {
      for (const row of await visitRows(db, club, month)) process.stdout.write(`${csvLine(row)}\n`);
      return 0;
    });
  },
};

commands["meeting-qr"] = {
  summary: "write a QR code PNG of the Telegram check-in link for a meeting, for the board to print",
  usage: "meeting-qr --meeting <id> --bot <telegram_bot_username> --out <file.png>",
  run: async (args) => {
    const meeting = option(args, "--meeting");
    const bot = option(args, "--bot");
    const out = option(args, "--out");
    if (!meeting || !bot || !out) throw new Error("meeting-qr: --meeting, --bot and --out are required");
    return withDb(async (db) => {
      const link = startLink(bot.replace(/^@/, ""), `ck_${await meetingCode(db, meeting)}`);
      const { default: QRCode } = await import("qrcode");
      await QRCode.toFile(out, link, { type: "png", width: 600, margin: 2 });
      process.stdout.write(`${link}\n`);
      return 0;
    });
  },
};

export function helpText(): string {
  const lines = ["usage: npm run cli -- <command> [options]", "", "commands:"];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(16)} ${c.summary}`);
  lines.push("", "Each command takes --help.");
  return `${lines.join("\n")}\n`;
}

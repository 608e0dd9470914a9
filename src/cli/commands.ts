// Operator commands by name, in the order `--help` lists them: `npm run cli -- <command> [options]`.
// Each is a file of its own; each has --help; bad input exits non-zero with one line.

import { attendanceCommand } from "./attendance.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
import { botAddCommand } from "./bot-add.ts";
import { botListCommand } from "./bot-list.ts";
import { botRemoveCommand } from "./bot-remove.ts";
import { botSetAreaCommand } from "./bot-set-area.ts";
import { botSetTokenCommand } from "./bot-set-token.ts";
import type { Command } from "./command.ts";
import { demoRemove } from "./demo-remove.ts";
import { eraseMemberCommand } from "./erase-member.ts";
import { flowsCheckCommand } from "./flows-check.ts";
import { importLedgerCommand } from "./import-ledger.ts";
import { importRosterCommand } from "./import-roster.ts";
import { inviteCodesCommand } from "./invite-codes.ts";
import { meetingQrCommand } from "./meeting-qr.ts";
import { migrateCommand } from "./migrate.ts";
import { reportCommand } from "./report.ts";
import { seedDemoCommand } from "./seed-demo.ts";
import { serveCommand } from "./serve-command.ts";
import { visitsCommand } from "./visits.ts";
import { webLinkCommand } from "./web-link.ts";
import { webhooksSetCommand } from "./webhooks-set.ts";

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  "seed-demo": seedDemoCommand,
  "flows:check": flowsCheckCommand,
  "demo:remove": demoRemove,
  "erase-member": eraseMemberCommand,
  "web-link": webLinkCommand,
  backup: backupCommand,
  report: reportCommand,
  restore: restoreCommand,
  "webhooks:set": webhooksSetCommand,
  "bot:add": botAddCommand,
  "bot:list": botListCommand,
  "bot:remove": botRemoveCommand,
  "bot:set-area": botSetAreaCommand,
  "bot:set-token": botSetTokenCommand,
  "import-roster": importRosterCommand,
  "import-ledger": importLedgerCommand,
  "invite-codes": inviteCodesCommand,
  attendance: attendanceCommand,
  visits: visitsCommand,
  "meeting-qr": meetingQrCommand,
};

export function helpText(): string {
  const lines = ["usage: npm run cli -- <command> [options]", "", "commands:"];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(16)} ${c.summary}`);
  lines.push("", "Each command takes --help.");
  return `${lines.join("\n")}\n`;
}

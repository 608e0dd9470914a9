// `meeting-qr`: a printable QR code of a meeting's check-in link.
import { startLink } from "../channels/telegram/start-link.ts";
import { meetingCode } from "../domain/meetings/export.ts";
import type { Command } from "./command.ts";
import { requiredOptions, withDb } from "./support.ts";

export const meetingQrCommand: Command = {
  summary: "write a QR code PNG of the Telegram check-in link for a meeting, for the board to print",
  usage: "meeting-qr --meeting <id> --bot <telegram_bot_username> --out <file.png>",
  run: async (args) => {
    const [meeting, bot, out] = requiredOptions(
      args,
      "meeting-qr",
      ["--meeting", "id"],
      ["--bot", "telegram_bot_username"],
      ["--out", "file.png"],
    );
    return withDb(async (db) => {
      const link = startLink(bot.replace(/^@/, ""), `ck_${await meetingCode(db, meeting)}`);
      const { default: QRCode } = await import("qrcode");
      await QRCode.toFile(out, link, { type: "png", width: 600, margin: 2 });
      process.stdout.write(`${link}\n`);
      return 0;
    });
  },
};

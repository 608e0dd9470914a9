// Report pictures and spreadsheets kept for 24 hours for the chat they were made for. The id is the
// unguessable part of the link; a one-time link (Zalo's spreadsheet) stops working once fetched.
import { randomBytes } from "node:crypto";
import { type Db, type Tx, write } from "../../db/client.ts";

export const FILE_LIFETIME_MS = 24 * 3_600_000;
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type StoredFile = { filename: string; mime: string; bytes: Buffer };

/** Keep a file for 24 h (dropping files past their time first) and return its id. */
export async function keepFile(tx: Tx, file: StoredFile & { accountId: string; oneTime: boolean }, now: Date): Promise<string> {
  await tx.reportFile.deleteMany({ where: { expiresAt: { lte: now } } });
  const id = randomBytes(24).toString("base64url");
  await tx.reportFile.create({
    data: {
      id,
      accountId: file.accountId,
      filename: file.filename,
      mime: file.mime,
      bytes: new Uint8Array(file.bytes),
      oneTime: file.oneTime,
      expiresAt: new Date(now.getTime() + FILE_LIFETIME_MS),
    },
  });
  return id;
}

/** The file for an upload by the bot itself (Telegram), while it is kept. */
export async function readFile(db: Db, id: string, now: Date): Promise<StoredFile | undefined> {
  const file = await db.reportFile.findUnique({ where: { id } });
  if (!file || file.expiresAt <= now) return undefined;
  return { filename: file.filename, mime: file.mime, bytes: Buffer.from(file.bytes) };
}

/** The file behind a link: undefined once expired, or once a one-time link has been used. */
export async function fetchByLink(db: Db, id: string, now: Date): Promise<StoredFile | undefined> {
  return write(db, async (tx) => {
    const file = await tx.reportFile.findUnique({ where: { id } });
    if (!file || file.expiresAt <= now || (file.oneTime && file.usedAt)) return undefined;
    if (file.oneTime) await tx.reportFile.update({ where: { id }, data: { usedAt: now } });
    return { filename: file.filename, mime: file.mime, bytes: Buffer.from(file.bytes) };
  });
}

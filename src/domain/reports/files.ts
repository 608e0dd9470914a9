// Report pictures and spreadsheets kept for 24 hours for the chat they were made for. The link's id is
// its unguessable secret (192 random bits); the row is keyed by its hash, so a lookup compares hashes
// and never the secret itself, and the database holds no working link. A one-time link (Zalo's
// spreadsheet) stops working once fetched.
import { type Db, type Tx, write } from "../../db/client.ts";
import { hashToken, newToken } from "../web-access/tokens.ts";

export const FILE_LIFETIME_MS = 24 * 3_600_000;
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type StoredFile = { filename: string; mime: string; bytes: Buffer };

/** Keep a file for 24 h (dropping files past their time first) and return its link's id. */
export async function keepFile(tx: Tx, file: StoredFile & { accountId: string; oneTime: boolean }, now: Date): Promise<string> {
  await tx.reportFile.deleteMany({ where: { expiresAt: { lte: now } } });
  const id = newToken();
  await tx.reportFile.create({
    data: {
      id: hashToken(id),
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
  const file = await db.reportFile.findUnique({ where: { id: hashToken(id) } });
  if (!file || file.expiresAt <= now) return undefined;
  return { filename: file.filename, mime: file.mime, bytes: Buffer.from(file.bytes) };
}

/** The file behind a link: "unknown" (no such link), "gone" once expired or a one-time link used. */
export async function fetchByLink(db: Db, id: string, now: Date): Promise<StoredFile | "unknown" | "gone"> {
  const key = hashToken(id);
  return write(db, async (tx) => {
    const file = await tx.reportFile.findUnique({ where: { id: key } });
    if (!file) return "unknown";
    if (file.expiresAt <= now || (file.oneTime && file.usedAt)) return "gone";
    if (file.oneTime) await tx.reportFile.update({ where: { id: key }, data: { usedAt: now } });
    return { filename: file.filename, mime: file.mime, bytes: Buffer.from(file.bytes) };
  });
}

// One-time sign-in links (the only writer of WebLink): issued in the chat or by `web-link`, good
// once within 15 minutes, opened into a web session.
import type { Db, Tx } from "../../db/client.ts";
import { write } from "../../db/client.ts";
import { startSession } from "./sessions.ts";
import { hashToken, newToken } from "./tokens.ts";

export const LINK_MINUTES = 15;

export async function issueWebLink(tx: Tx, memberId: string, now: Date): Promise<string> {
  const token = newToken();
  await tx.webLink.create({
    data: { tokenHash: hashToken(token), memberId, expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000) },
  });
  return token;
}

export type OpenedLink = { status: "opened"; session: string } | { status: "gone" | "unknown" };

/** The link's one use: marked used and turned into a session in the same transaction, or refused. */
export async function openWebLink(db: Db, token: string, now: Date): Promise<OpenedLink> {
  return write(db, async (tx) => {
    const link = await tx.webLink.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!link) return { status: "unknown" };
    const used = await tx.webLink.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return { status: "gone" };
    return { status: "opened", session: await startSession(tx, link.memberId, now) };
  });
}

/** An erased member's links go with them. */
export async function dropLinksOf(tx: Tx, memberIds: string[]): Promise<void> {
  await tx.webLink.deleteMany({ where: { memberId: { in: memberIds } } });
}

/** `PUBLIC_URL/web/login/<token>`. */
export function loginUrl(site: string, token: string): string {
  return `${site.replace(/\/$/, "")}/web/login/${token}`;
}

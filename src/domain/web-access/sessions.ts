// Web sessions (the only writer of WebSession): 12 hours, revocable, the cookie holding a token the
// database keeps only as a hash. Who the person is and may do is read again on every request.
import type { Db, Tx } from "../../db/client.ts";
import { write } from "../../db/client.ts";
import type { Role } from "../../engine/schema.ts";
import type { Actor, OfficerScope } from "../actions/action.ts";
import { hashToken, newToken } from "./tokens.ts";

export const SESSION_HOURS = 12;
/** Those a sign-in link is for: members and volunteers have nothing to do in the workplace. */
export const WEB_ROLES: readonly Role[] = ["board", "treasurer", "officer"];

export async function startSession(tx: Tx, memberId: string, now: Date): Promise<string> {
  const token = newToken();
  await tx.webSession.create({
    data: {
      tokenHash: hashToken(token),
      memberId,
      csrf: newToken(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    },
  });
  return token;
}

export async function endSession(db: Db, token: string, now: Date): Promise<void> {
  await write(db, (tx) => tx.webSession.updateMany({ where: { tokenHash: hashToken(token) }, data: { revokedAt: now } }));
}

/** An erased member's sessions go with them. */
export async function dropSessionsOf(tx: Tx, memberIds: string[]): Promise<void> {
  await tx.webSession.deleteMany({ where: { memberId: { in: memberIds } } });
}

/** The person signed in, with their roles as they are now; none when the session ended or no role is left. */
export type Viewer = { sessionId: string; csrf: string; actor: Actor & { member: NonNullable<Actor["member"]> } };

export async function viewerOf(db: Db, token: string | undefined, now: Date): Promise<Viewer | undefined> {
  if (!token) return undefined;
  const session = await db.webSession.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
  const member = await db.member.findUnique({ where: { id: session.memberId }, include: { roles: true } });
  if (!member || member.status !== "active") return undefined;
  const roles = member.roles.map((r) => r.role as Role);
  if (!roles.some((r) => WEB_ROLES.includes(r))) return undefined;
  const officerScopes: OfficerScope[] = member.roles
    .filter((r) => r.role === "officer")
    .map((r) => ({ communeId: r.communeId ?? undefined, provinceId: r.provinceId ?? undefined }));
  return {
    sessionId: session.id,
    csrf: session.csrf,
    actor: {
      accountId: `web:${session.id}`,
      channel: "webchat",
      member: {
        id: member.id,
        clubId: member.clubId,
        fullName: member.fullName,
        gender: member.gender,
        birthYear: member.birthYear,
        language: member.language,
        addressForm: member.addressForm,
      },
      roles: ["member", ...roles],
      consents: [],
      proxyFor: [],
      officerScopes,
    },
  };
}

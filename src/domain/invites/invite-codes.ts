// One-time invite codes: 6 characters people can read aloud without confusion, stored hashed.
import { createHash, randomInt } from "node:crypto";
import type { Tx } from "../../db/client.ts";

/** No 0/O, 1/I/L: they look alike on paper and on small screens. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
export const CODE_DAYS = 30;

export function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function hashCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** Store a code for a member (a fresh random one unless given) and return it in clear, once. */
export async function issueInviteCode(
  tx: Tx,
  memberId: string,
  now: Date,
  options: { code?: string; kind?: "member" | "proxy" } = {},
): Promise<string> {
  const code = options.code ?? newCode();
  await tx.inviteCode.create({
    data: {
      codeHash: hashCode(code),
      memberId,
      kind: options.kind ?? "member",
      expiresAt: new Date(now.getTime() + CODE_DAYS * 86_400_000),
    },
  });
  return code;
}

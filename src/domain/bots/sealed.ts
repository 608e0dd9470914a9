// Bot tokens and webhook secrets at rest: AES-256-GCM under a key derived from BOT_SECRETS_KEY, so a
// copy of the database (a backup, a dump) holds no usable token. The tag makes a wrong key fail loudly.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const FORMAT = "v1";

/** The stored bots can't be read with the key given (none, or another): the server must not start so. */
export class BotSecretsError extends Error {}

function keyFrom(secretsKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secretsKey, "tuongtro", "bot secrets", 32));
}

export function seal(secretsKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secretsKey), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
}

/** The plain text, or an error naming no part of it when the key is not the one it was sealed with. */
export function unseal(secretsKey: string, sealed: string): string {
  const [format, iv, tag, body] = sealed.split(":");
  if (format !== FORMAT || !iv || !tag || body === undefined) throw new BotSecretsError("a bot secret is not in a known form");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secretsKey), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new BotSecretsError("BOT_SECRETS_KEY is not the key the bots were stored with");
  }
}

/** All that is ever shown of a token. */
export function lastFour(token: string): string {
  return token.slice(-4);
}

// The web chat simulator: GET /chat (page) and its JSON API (see README "Web chat API").
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { linkSimulatorUser, listPeople, type Person, simulatorPerson } from "../../domain/members/simulator.ts";
import type { I18n } from "../../i18n/index.ts";
import { ROOT } from "../../root.ts";
import type { Inbox } from "../../runtime/inbox.ts";
import { lastMessageId, latestMessages, type TranscriptEntry, transcript } from "../../runtime/transcript.ts";
import { numberedText } from "../choices.ts";
import { webchatEvent, webchatMessageSchema } from "./inbound.ts";

export type WebchatDeps = { db: Db; inbox: Inbox; i18n: I18n; clock: () => Date };

const PAGE = readFileSync(path.join(ROOT, "src", "channels", "webchat", "page.html"), "utf8");
const SCRIPT = readFileSync(path.join(ROOT, "src", "channels", "webchat", "chat.js"), "utf8");
const PAGE_KEYS = ["title", "acting_as", "new_person", "placeholder", "send", "tip", "older"] as const;

const MAX_LAST = 200;
const pollQuery = z.object({
  user: z.string().regex(/^(guest|member)-[A-Za-z0-9_-]{1,64}$/),
  after: z.coerce.number().int().min(0).default(0),
  /** The newest N messages instead (opening a chat), optionally those before message `before` (older ones). */
  last: z.coerce.number().int().min(1).max(MAX_LAST).optional(),
  before: z.coerce.number().int().min(1).optional(),
});

export function webchatRoutes(app: FastifyInstance, deps: WebchatDeps): void {
  app.get("/chat", async (_request, reply) => {
    const texts = Object.fromEntries(PAGE_KEYS.map((k) => [k, deps.i18n.t("vi", `webchat:${k}`)]));
    // JSON inside <script>: escape "<" so no text can close the tag.
    const html = PAGE.replace("__TEXTS__", JSON.stringify(texts).replace(/</g, "\\u003c"));
    return reply.type("text/html; charset=utf-8").send(html);
  });
  app.get("/chat/chat.js", async (_request, reply) => reply.type("text/javascript; charset=utf-8").send(SCRIPT));

  // `label`: the name and roles as the picker shows them, in Vietnamese («Nguyễn Văn Tâm (Ban Chủ nhiệm)»).
  const label = (p: Person) => {
    const roles = [...new Set(p.roles)].map((r) => deps.i18n.t("vi", `webchat:role.${r}`));
    return roles.length ? `${p.fullName} (${roles.join(", ")})` : p.fullName;
  };

  app.get("/chat/api/people", async () => ({
    people: (await listPeople(deps.db)).map((p) => ({ ...p, label: label(p) })),
  }));

  app.get("/chat/api/messages", async (request, reply) => {
    const query = pollQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: "bad_request" });
    const { user, after, last, before } = query.data;
    if (last !== undefined) {
      const page = await latestMessages(deps.db, "webchat", user, last, before);
      return { messages: page.entries.map(view), more: page.more };
    }
    const entries = await transcript(deps.db, "webchat", user, after);
    return { messages: entries.map(view) };
  });

  app.post("/chat/api/messages", async (request, reply) => {
    const body = webchatMessageSchema.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: "bad_request", detail: body.error.issues[0]?.message });
    const now = deps.clock();
    if (body.data.user.startsWith("member-") && !(await linkSimulatorUser(deps.db, body.data.user, now))) {
      return reply.code(400).send({ error: "unknown_member" });
    }
    const before = await lastMessageId(deps.db, "webchat", body.data.user);
    const status = await deps.inbox.handle(webchatEvent(body.data, now));
    const replies = status === "handled" ? await transcript(deps.db, "webchat", body.data.user, before) : [];
    // Who this chat now is: the picker names a new person once they have linked.
    const person = await simulatorPerson(deps.db, body.data.user);
    return { status, replies: replies.map(view), person: person ? { ...person, label: label(person) } : null };
  });
}

function view(entry: TranscriptEntry) {
  const { message } = entry;
  return {
    id: entry.id,
    text: numberedText(message),
    // The question alone: the page shows its numbered choices as buttons, not twice.
    prompt: message.text,
    choices: message.choices ?? [],
    version: message.version,
    // The label of the «0» button under a question («Menu chính»).
    home: message.choices?.length ? message.footer : undefined,
    // A report's chart or spreadsheet, served from /files/<id>.
    attachment: message.attachment
      ? { kind: message.attachment.kind, url: `/files/${message.attachment.fileId}`, name: message.attachment.filename }
      : undefined,
  };
}

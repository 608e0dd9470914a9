// `web-link`: a one-time sign-in link to the web workplace for a board member, treasurer or officer,
// printed for an operator (the person would otherwise ask the bot for «trang quản lý»).

import { loadConfig } from "../config.ts";
import { write } from "../db/client.ts";
import { issueWebLink, LINK_MINUTES, loginUrl } from "../domain/web-access/links.ts";
import { WEB_ROLES } from "../domain/web-access/sessions.ts";
import type { Command } from "./command.ts";
import { requiredOptions, withDb } from "./support.ts";

export const webLinkCommand: Command = {
  summary: `print a one-time link (${LINK_MINUTES} minutes) to the web workplace for a board member, treasurer or officer`,
  usage: "web-link --member <member_id>",
  run: async (args) => {
    const [memberId] = requiredOptions(args, "web-link", ["--member", "member_id"]);
    const config = loadConfig();
    return withDb(async (db) => {
      const member = await db.member.findUnique({ where: { id: memberId }, include: { roles: true } });
      if (!member || member.status !== "active") throw new Error(`web-link: no member ${memberId}`);
      if (!member.roles.some((r) => (WEB_ROLES as readonly string[]).includes(r.role)))
        throw new Error("web-link: the workplace is for board members, treasurers and officers");
      const token = await write(db, (tx) => issueWebLink(tx, member.id, new Date()));
      process.stdout.write(`${loginUrl(config.publicUrl ?? `http://localhost:${config.port}`, token)}\n`);
      return 0;
    });
  },
};

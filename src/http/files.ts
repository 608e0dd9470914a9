// GET /files/<id>: a report picture or spreadsheet, for Zalo (which fetches pictures by address and
// has no documents) and the web chat. Gone (410) after 24 h, and a one-time link after its first use;
// an id that was never handed out is 404.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { fetchByLink } from "../domain/reports/files.ts";

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });

export function fileRoutes(app: FastifyInstance, deps: { db: Db; clock: () => Date }): void {
  app.get("/files/:id", async (request, reply) => {
    const parsed = params.safeParse(request.params);
    const file = parsed.success ? await fetchByLink(deps.db, parsed.data.id, deps.clock()) : "unknown";
    if (file === "unknown") return reply.code(404).send({ error: "not_found" });
    if (file === "gone") return reply.code(410).send({ error: "gone" });
    return reply
      .header("content-type", file.mime)
      .header(
        "content-disposition",
        `${file.mime.startsWith("image/") ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      )
      .header("cache-control", "private, no-store")
      .send(file.bytes);
  });
}

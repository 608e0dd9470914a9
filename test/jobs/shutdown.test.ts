// SIGTERM: the server finishes what it is doing, stops its loops, closes the database and exits 0.
import { describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.ts";
import { freshDatabaseUrl } from "../support/db.ts";
import { startServer } from "../support/server-process.ts";

describe("graceful shutdown", () => {
  it("answers the message in flight, then exits 0 on SIGTERM", async () => {
    const url = await freshDatabaseUrl();
    await migrate(url);
    const server = await startServer({ DATABASE_URL: url });
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    const reply = fetch(`${server.url}/chat/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "guest-bye", messageId: "1", text: "xin chào" }),
    });
    await new Promise((r) => setTimeout(r, 20));
    server.child.kill("SIGTERM");
    const res = await reply;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("handled");
    expect(await exited).toBe(0);
  }, 60_000);
});

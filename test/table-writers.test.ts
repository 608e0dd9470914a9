// One writer per table for the rows every part of the server touches: outbound messages and chat
// sessions. A new module writing them fails here; it should call the owner instead.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writersOf } from "./support/table-writers.ts";

const SRC = path.resolve(import.meta.dirname, "..", "src");

describe("one writer per table", () => {
  it("OutboxMessage: the queue, and the sender that leases and marks its rows", () => {
    expect(writersOf(SRC, "OutboxMessage")).toEqual(["domain/outbox/queue.ts", "jobs/outbox.ts"]);
  });

  it("Session: the session store", () => {
    expect(writersOf(SRC, "Session")).toEqual(["domain/sessions/sessions.ts"]);
  });

  it("reports a planted writer", () => {
    expect(writersOf(path.resolve(import.meta.dirname, "fixtures", "table-writers", "src"), "OutboxMessage")).toEqual([
      "jobs/sneak.ts",
    ]);
  });
});

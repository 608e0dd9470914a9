// `demo:remove`: delete the demo club (code DEMO) and everything about its people.
import { removeDemo } from "../domain/demo/demo-remove.ts";
import type { Command } from "./command.ts";
import { withDb } from "./support.ts";

export const demoRemove: Command = {
  summary: "delete the demo club (code DEMO), its members and everything about them; real clubs are untouched",
  usage: "demo:remove",
  run: () =>
    withDb(async (db) => {
      const { members } = await removeDemo(db);
      process.stdout.write(members > 0 ? `demo removed: ${members} members\n` : "no demo club in this database\n");
      return 0;
    }),
};

// `bot:set-area`: the provinces or communes a stored bot serves (replacing the ones it had).
import { write } from "../db/client.ts";
import { resolveAreas } from "../domain/bots/bot-areas.ts";
import { setBotAreas } from "../domain/bots/bots.ts";
import type { Command } from "./command.ts";
import { optionValues, requiredOptions, withDb } from "./support.ts";

export const botSetAreaCommand: Command = {
  summary: "set the provinces or communes a stored bot serves: their invite sheets and check-in codes name it",
  usage: "bot:set-area --bot <id> [--province <name>…] [--commune <name>…]",
  run: async (args) => {
    const [id] = requiredOptions(args, "bot:set-area", ["--bot", "id"]);
    const named = { provinces: optionValues(args, "--province"), communes: optionValues(args, "--commune") };
    if (named.provinces.length + named.communes.length === 0)
      throw new Error("bot:set-area: --province or --commune is required");
    return withDb(async (db) => {
      await write(db, async (tx) => {
        const areas = await resolveAreas(tx, named);
        if ("unknown" in areas) throw new Error(`bot:set-area: no province or commune ${areas.unknown}`);
        if (!(await setBotAreas(tx, id, areas))) throw new Error(`bot:set-area: no bot ${id}`);
      });
      process.stdout.write(`${id}: ${[...named.provinces, ...named.communes].join(", ")}\n`);
      return 0;
    });
  },
};

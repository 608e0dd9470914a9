// `serve`: the server, loaded only when it is the command (the other commands stay small).
import type { Command } from "./command.ts";

export const serveCommand: Command = {
  summary: "apply migrations, seed an empty database, serve on PORT",
  usage: "serve",
  run: async () => {
    // Loaded here: the server's modules are not needed by the other commands (a report's memory stays low).
    const { serve } = await import("./serve.ts");
    await serve();
    return 0;
  },
};

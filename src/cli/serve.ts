import type { AddressInfo } from "node:net";
// `serve`: migrate, seed an empty database with the demo, listen, and shut down gracefully.
import { createApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { markServerRunning } from "../db/backup.ts";
import { exclusively } from "../db/exclusive.ts";
import { migrate } from "../db/migrate.ts";
import { isEmpty, seedDemo } from "../domain/demo/demo-seed.ts";
import { createLogger } from "../logger.ts";

export async function serve(): Promise<void> {
  const config = loadConfig();
  // The first line says the mode. Real tokens or production: never demo people a real member could be mistaken for.
  const logger = createLogger(config.logLevel);
  logger.info({ mode: config.demoMode ? "demo" : "live" }, config.demoMode ? "demo mode: no channel token" : "live mode");
  await migrate(config.databaseUrl);
  const app = await createApp(config, { logger });
  if (config.demoMode) {
    // Instances starting together on an empty database: one seeds, the others find it seeded.
    await exclusively(config.databaseUrl, async () => {
      if (!(await isEmpty(app.db))) return;
      const seeded = await seedDemo(app.db, new Date(), { meetingToday: true });
      app.logger.info({ members: seeded.created }, "empty database: demo club seeded");
    });
  }
  // `restore` refuses while this file names a live process.
  const unmark = config.databaseUrl.startsWith("file:") ? markServerRunning(config.databaseUrl) : () => {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, "shutting down");
    await app.close();
    unmark();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  await app.server.listen({ port: config.port, host: config.host });
  const { port } = app.server.server.address() as AddressInfo;
  app.logger.info({ port, webchat: config.webchatEnabled }, "Tương Trợ is listening");
  if (config.webchatEnabled) process.stdout.write(`\nWeb chat simulator: http://localhost:${port}/chat\n\n`);
}

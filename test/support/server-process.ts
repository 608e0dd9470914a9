// The real server as a child process (`src/main.ts serve`): for benches (the load generator keeps its
// own event loop) and for kill -9 / restart tests.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "../../src/root.ts";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ServerProcess = { url: string; child: ChildProcess; stop(): Promise<void>; kill(): Promise<void> };

/**
 * Tests talk to the web chat, sign in and fetch files from one address far faster than people do:
 * the per-IP limits are lifted unless a test sets them (test/http/doors.test.ts does).
 */
export const LIFTED_LIMITS = {
  RATE_LIMIT_WEBCHAT_PER_MINUTE: "10000000",
  RATE_LIMIT_FILES_PER_MINUTE: "10000000",
  RATE_LIMIT_SIGNIN_PER_MINUTE: "10000000",
};

/**
 * Start `serve` with the given env (and node flags, e.g. --cpu-prof) and wait for /healthz: from the
 * sources through tsx, or as `npm start` runs it, the bundle `npm run build` made (benches).
 */
export async function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  from: "source" | "build" = "source",
): Promise<ServerProcess> {
  const port = await freePort();
  const start = from === "build" ? startCommand() : { env: {}, flags: [] };
  const entry =
    from === "build"
      ? [...start.flags, path.join(ROOT, "dist", "main.mjs")]
      : ["--import", "tsx", path.join(ROOT, "src", "main.ts")];
  const child = spawn(process.execPath, [...nodeArgs, ...entry, "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...start.env,
      ...LIFTED_LIMITS,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: env.LOG_LEVEL ?? "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() > until) throw new Error("server did not start");
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: () => signal(child, "SIGTERM"),
    kill: () => signal(child, "SIGKILL"),
  };
}

function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(name);
  });
}

/** `npm run build`: the bundle `npm start` serves from. */
export function buildServer(): void {
  execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
}

/** The environment and node flags of `npm start` (its memory settings), read from package.json so both stay one. */
function startCommand(): { env: Record<string, string>; flags: string[] } {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const [, assignments = "", flags = ""] = scripts.start?.match(/&& ((?:\w+=\S+ )*)node (.*?)dist\/main\.mjs/) ?? [];
  const env = Object.fromEntries(
    assignments
      .split(" ")
      .filter(Boolean)
      .map((a) => a.split("=", 2) as [string, string]),
  );
  return { env, flags: flags.split(" ").filter(Boolean) };
}

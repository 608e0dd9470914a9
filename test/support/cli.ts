// Run an operator command the way an operator does: `tsx src/main.ts <command>` in a child process.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ROOT } from "../../src/root.ts";

export type CliResult = { code: number; stdout: string; stderr: string };

export async function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// An operator command: a line for `--help`, its usage, and what it does (its exit code).
export type Command = { summary: string; usage: string; run: (args: string[]) => Promise<number> };

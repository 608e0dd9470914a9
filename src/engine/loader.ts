// Parse flow files (text in, typed flows out). Reading the files is the caller's job: no I/O here.
import { parse } from "yaml";
import type { z } from "zod";
import { type Flow, flowSchema } from "./schema.ts";

export type FlowSource = { file: string; text: string };
export type FlowProblem = { file: string; node?: string; problem: string };

export type LoadResult = { flows: Map<string, Flow>; files: Map<string, string>; problems: FlowProblem[] };

/** Parse and validate every source; problems are collected, never thrown. */
export function loadFlows(sources: readonly FlowSource[]): LoadResult {
  const flows = new Map<string, Flow>();
  const files = new Map<string, string>();
  const problems: FlowProblem[] = [];
  for (const { file, text } of sources) {
    let raw: unknown;
    try {
      raw = parse(text);
    } catch (error) {
      problems.push({ file, problem: `not valid YAML: ${(error as Error).message.split("\n")[0]}` });
      continue;
    }
    const parsed = flowSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, parsed.error));
      continue;
    }
    if (flows.has(parsed.data.id)) {
      problems.push({ file, problem: `flow id ${parsed.data.id} is used by ${files.get(parsed.data.id)} too` });
      continue;
    }
    flows.set(parsed.data.id, parsed.data);
    files.set(parsed.data.id, file);
  }
  return { flows, files, problems };
}

function schemaProblems(file: string, error: z.ZodError): FlowProblem[] {
  return error.issues.map((issue) => {
    const node = issue.path[0] === "nodes" ? String(issue.path[1]) : undefined;
    const where = issue.path.slice(node ? 2 : 0).join(".");
    return { file, node, problem: `${where ? `${where}: ` : ""}${issue.message}` };
  });
}

export function formatProblem(p: FlowProblem): string {
  return `${p.file}${p.node ? `:${p.node}` : ""}: ${p.problem}`;
}

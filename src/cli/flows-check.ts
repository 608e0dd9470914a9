// `flows:check`: validate flows/, locales/ and targets/.
import { formatProblem } from "../engine/loader.ts";
import { ROOT } from "../root.ts";
import { checkProject } from "../runtime/project-check.ts";
import type { Command } from "./command.ts";
import { option } from "./support.ts";

export const flowsCheckCommand: Command = {
  summary: "validate flows/, locales/ and targets/; lists every problem as file:node: problem (file:line for a plan)",
  usage: "flows:check [--flows DIR] [--locales DIR] [--targets DIR] (paths relative to the project root)",
  run: async (args) => {
    const flows = option(args, "--flows") ?? "flows";
    const locales = option(args, "--locales") ?? "locales";
    const targets = option(args, "--targets");
    const { flows: loaded, problems } = checkProject(ROOT, { flows, locales, targets });
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    if (problems.length > 0) {
      process.stderr.write(`flows:check: ${problems.length} problem(s)\n`);
      return 1;
    }
    process.stdout.write(`flows:check: ${loaded.size} flows ok\n`);
    return 0;
  },
};

// CLI entry: `tsx src/main.ts <command>`; npm scripts wrap the common ones.
import { commands, helpText } from "./cli/commands.ts";
import { ConfigError } from "./config.ts";

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "help") {
    process.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`unknown command: ${name} (see --help)\n`);
    return 2;
  }
  if (args.includes("--help")) {
    process.stdout.write(`usage: npm run cli -- ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== "serve") process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).message;
    // One line: the first that says something (a database error's message starts with a blank line).
    process.stderr.write(`${message.split("\n").find((line) => line.trim() !== "") ?? "failed"}\n`);
    process.exitCode = 1;
  },
);

// Preloaded into a bench's child process: on exit, print the process's peak resident memory.
process.on("exit", () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`));

// pino with redaction: logs carry ids, never phones, names, tokens, balances or readings.
import { type Logger, pino } from "pino";

export const REDACT_PATHS = [
  "phone",
  "*.phone",
  "fullName",
  "*.fullName",
  "name",
  "*.name",
  "text",
  "*.text",
  "code",
  "*.code",
  "token",
  "*.token",
  "req.headers",
  "headers",
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination as pino.DestinationStream);
}

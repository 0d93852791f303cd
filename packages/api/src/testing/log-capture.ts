// A real pino logger (with the production redaction rules) whose lines a test can read.
import { Writable } from "node:stream";
import { createLogger } from "../infra/logger.ts";

export function captureLog(): { log: ReturnType<typeof createLogger>; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: "info" }, stream), text: () => lines.join("") };
}

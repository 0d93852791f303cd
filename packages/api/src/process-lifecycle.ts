// What every deployable process does the same way (main.ts, dispatcher-main.ts): read the configuration
// once (a bad value: one line, exit 1), and on SIGTERM/SIGINT stop taking work, finish what is in
// flight and exit, or give up after 15 s.
import type { Logger } from "pino";
import { type Config, ConfigError, loadConfig } from "./env.ts";

export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Runs `close` once on the first SIGTERM or SIGINT, then exits (1 when it failed or hung). */
export function shutdownOnSignals(log: Logger, what: string, close: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `shutting down: ${what}`);
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await close();
      log.info("shutdown complete");
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

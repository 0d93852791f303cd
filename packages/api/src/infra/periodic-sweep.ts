// A sweep every node runs on a timer (photo retention, …): one round at a time, rounds repeated while a
// batch comes back full (at most `maxBatches`), failures logged and retried at the next round. The rows a
// sweep works on are claimed in its own transaction (FOR UPDATE SKIP LOCKED), so nodes never collide.
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { BlobStore } from "./blob-store.ts";

/** What a photo retention sweep is given (delivery/photo-retention.ts, help/help-photo-retention.ts). */
export interface RetentionSweepOptions {
  db: Kysely<Database>;
  blobs: BlobStore;
  /** DELIVERY_PHOTO_RETENTION_DAYS. */
  retentionDays: number;
  log?: Logger | undefined;
  /** Rows claimed per transaction (default 100). */
  batch?: number;
}

/** Photos taken before this are past their retention. */
export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

export interface PeriodicSweep {
  stop(): Promise<void>;
}

export function startPeriodicSweep(opts: {
  name: string;
  everyMs: number;
  /** One batch; answers how many rows it handled. */
  sweep: () => Promise<number>;
  batch: number;
  maxBatches?: number;
  log?: Logger | undefined;
}): PeriodicSweep {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const drain = async () => {
    for (let i = 0; i < (opts.maxBatches ?? 20) && !stopped; i++)
      if ((await opts.sweep()) < opts.batch) return;
  };
  const loop = () => {
    if (stopped) return;
    running = drain()
      .catch((error: unknown) => opts.log?.warn({ err: error }, `${opts.name} failed`))
      .finally(() => {
        running = undefined;
        if (!stopped) {
          timer = setTimeout(loop, opts.everyMs);
          timer.unref();
        }
      });
  };
  timer = setTimeout(loop, opts.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

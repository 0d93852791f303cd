// The demo kitchen: moves placed orders through preparing → baking → quality_check → ready with
// realistic times (divided by a speed factor), and hands carryout orders over a while after they are
// ready. It never moves a delivery order past `ready`: that is the dispatch engine's job.
// Safe on several API nodes: each tick claims due orders with FOR UPDATE SKIP LOCKED and moves
// them through OrdersService.transition with the version it read, in the same transaction.
import type { Database, Kysely, OrderStatus } from "@pizza/db";
import type { Logger } from "pino";
import type { OrdersService } from "./orders.service.ts";

/** How long an order stays in a stage before the autopilot moves it on, at speed 1. */
export const STAGE_MS: Partial<Record<OrderStatus, number>> = {
  placed: 60_000,
  preparing: 3 * 60_000,
  baking: 7 * 60_000,
  quality_check: 60_000,
  /** Carryout only: the customer comes in and picks it up. */
  ready: 8 * 60_000,
};
const NEXT: Partial<Record<OrderStatus, OrderStatus>> = {
  placed: "preparing",
  preparing: "baking",
  baking: "quality_check",
  quality_check: "ready",
  ready: "picked_up",
};
/** Placed → ready at speed 1: a scheduled order starts this long before its ready estimate. */
const KITCHEN_MS = (STAGE_MS.preparing ?? 0) + (STAGE_MS.baking ?? 0) + (STAGE_MS.quality_check ?? 0);

export interface AutopilotOptions {
  db: Kysely<Database>;
  orders: OrdersService;
  /** 1 = real time; 60 = a minute per second. */
  speed: number;
  log?: Logger | undefined;
  /** How often to look for due orders (default: 2 s / speed, at least 100 ms). */
  intervalMs?: number | undefined;
  batch?: number | undefined;
}

export class KitchenAutopilot {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly opts: AutopilotOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const every = this.opts.intervalMs ?? Math.max(100, Math.round(2000 / this.opts.speed));
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error) => this.opts.log?.warn({ err: error }, "kitchen autopilot tick failed"))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, every);
        });
    };
    this.timer = setTimeout(loop, every);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Moves every due order one stage on; returns how many moved. */
  async tick(now: Date = new Date()): Promise<number> {
    const speed = this.opts.speed;
    const cutoff = (status: OrderStatus) => new Date(now.getTime() - (STAGE_MS[status] ?? 0) / speed);
    const startBy = new Date(now.getTime() + KITCHEN_MS / speed);
    return this.opts.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("orders")
        .select(["id", "status", "version"])
        .where((eb) =>
          eb.or([
            eb.and([
              eb("status", "=", "placed"),
              eb("updated_at", "<=", cutoff("placed")),
              eb.or([eb("scheduled_for", "is", null), eb("ready_estimate_at", "<=", startBy)]),
            ]),
            eb.and([eb("status", "=", "preparing"), eb("updated_at", "<=", cutoff("preparing"))]),
            eb.and([eb("status", "=", "baking"), eb("updated_at", "<=", cutoff("baking"))]),
            eb.and([eb("status", "=", "quality_check"), eb("updated_at", "<=", cutoff("quality_check"))]),
            eb.and([
              eb("status", "=", "ready"),
              eb("channel", "=", "carryout"),
              eb("updated_at", "<=", cutoff("ready")),
            ]),
          ]),
        )
        .orderBy("updated_at")
        .limit(this.opts.batch ?? 50)
        .forNoKeyUpdate()
        .skipLocked()
        .execute();
      let moved = 0;
      for (const o of due) {
        const to = NEXT[o.status];
        if (!to) continue;
        await this.opts.orders.transition(o.id, to, "system", {
          expectedVersion: o.version,
          note: "kitchen autopilot",
          trx,
        });
        moved++;
      }
      return moved;
    });
  }
}

// Asks the dispatcher for a driver once the transaction that created a delivery has committed, and keeps
// track of those requests so tests and shutdown can wait for them.
import type { DeliveryRecord, Dispatcher, DriverIndex } from "@pizza/dispatch";
import type { Logger } from "pino";
import { type DeliveryContext, loadDeliveryContext } from "./delivery-context.ts";
import type { Db } from "./delivery-deps.ts";

export class DispatchStarter {
  private readonly kicks = new Set<Promise<unknown>>();

  constructor(private readonly deps: { db: Db; dispatcher: Dispatcher; index: DriverIndex; log: Logger }) {}

  /**
   * Starts (or moves forward) the dispatch of a delivery after the transaction that created it has
   * committed: the consumer's transaction is still open when this returns, so it runs on the next turns
   * and waits for the row to be visible. A crash in between is repaired by the sweep.
   */
  kick(deliveryId: string, readyAt: number): void {
    const p = (async () => {
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, i === 0 ? 0 : 50));
        const ctx = await loadDeliveryContext(this.deps.db, deliveryId);
        if (ctx) {
          await this.request(ctx, readyAt);
          return;
        }
      }
    })()
      .catch((error) => this.deps.log.warn({ err: error, deliveryId }, "dispatch request failed"))
      .finally(() => this.kicks.delete(p));
    this.kicks.add(p);
  }

  /** A dispatch request for an open delivery, due at `readyAt` (idempotent). */
  async request(ctx: DeliveryContext, readyAt: number): Promise<DeliveryRecord | null> {
    if (ctx.status !== "waiting" && ctx.status !== "offered") return null;
    const rec = await this.deps.dispatcher.request({
      deliveryId: ctx.id,
      region: ctx.zone,
      pickup: ctx.pickup,
      dropoff: ctx.dropoff,
      readyAt,
    });
    // Started early from the estimate, and the pizza came out sooner: look for a driver now.
    if (rec.status === "waiting" && rec.readyAt > readyAt) {
      await this.deps.index.putRequest(
        { ...rec, readyAt, version: rec.version },
        { expectedVersion: rec.version, dueAt: Date.now() },
      );
      await this.deps.dispatcher.tick();
    }
    return rec;
  }

  /** Waits for the requests started so far (and any they start). */
  async settled(): Promise<void> {
    while (this.kicks.size > 0) await Promise.allSettled([...this.kicks]);
  }
}

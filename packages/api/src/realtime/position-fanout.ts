import { randomUUID } from "node:crypto";
import type { Server } from "socket.io";
import type { DriverPositionEvent } from "./events.ts";
import { positionStages } from "./position-stages.ts";
import type { PositionLinks } from "./socket-redis.ts";

const FLUSH_MS = 2;

/**
 * Driver positions to order rooms on every node, without a Redis round trip per position. Sockets on this
 * node get each position at once (`io.local`); the other nodes get this node's positions in one Redis
 * message every ~2 ms on a channel of their own. Through the Socket.IO adapter each position would cost a
 * msgpack encode, a PUBLISH, and — on every node, this one included — a receive and a decode: at 1,000
 * drivers that was most of the API's CPU beyond writing to sockets. Status events, rarer and addressed
 * to fewer sockets, keep going through the adapter.
 */
export class PositionFanout {
  private readonly id = randomUUID();
  private batch: DriverPositionEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: any typed Socket.IO server
    private readonly io: Server<any, any, any, any>,
    private readonly redis?: PositionLinks,
  ) {
    if (!redis) return;
    // On a cluster the channel is sharded (SSUBSCRIBE/SPUBLISH): it lives on one shard, not on every node.
    redis.sub.on(redis.sharded ? "smessage" : "message", (channel: string, message: string) => {
      if (channel !== redis.channel) return;
      let parsed: { from: string; events: DriverPositionEvent[] };
      try {
        parsed = JSON.parse(message);
      } catch {
        return;
      }
      if (parsed.from === this.id) return;
      const now = positionStages.enabled ? Date.now() : 0;
      for (const e of parsed.events) {
        if (now) positionStages.record("cross_node", now - e.position.at);
        this.local(e);
      }
    });
    // Resolves once Redis is there (the subscriber has no retry limit); failures are only logged by its owner.
    (redis.sharded ? redis.sub.ssubscribe(redis.channel) : redis.sub.subscribe(redis.channel)).catch(
      () => undefined,
    );
  }

  emit(event: DriverPositionEvent): void {
    const started = positionStages.enabled ? performance.now() : 0;
    this.local(event);
    if (started) positionStages.record("fanout", performance.now() - started);
    if (!this.redis) return;
    this.batch.push(event);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = [];
  }

  private local(event: DriverPositionEvent) {
    // Volatile: a socket that cannot take it now (a slow phone still busy with the previous one) skips this
    // position rather than queueing it behind; the next one comes a second later and supersedes it.
    this.io.local.to(`order:${event.orderId}`).volatile.emit("order:driver_position", event);
  }

  private flush() {
    this.timer = undefined;
    const events = this.batch;
    this.batch = [];
    if (events.length === 0 || !this.redis) return;
    // A batch lost while Redis is away only misses the other nodes' customers; the next arrives in a second.
    const message = JSON.stringify({ from: this.id, events });
    const { pub, channel, sharded } = this.redis;
    (sharded ? pub.spublish(channel, message) : pub.publish(channel, message)).catch(() => undefined);
  }
}

// Zone leases for several dispatcher processes over one Redis: each zone is decided by at most one
// dispatcher at a time, the zones are spread evenly over the live dispatchers, and a dead dispatcher's
// zones are taken over once its leases run out (a TTL of a few seconds, renewed every second).
import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Fence } from "../index/driver-index.ts";
import { zoneKeys } from "../index/redis-keys.ts";
import type { RedisClient } from "../redis-client.ts";
import * as lua from "./lease-scripts.ts";

/** What a Dispatcher asks of its leases: which zones to tick, and the fencing token of each decision. */
export interface ZoneGate {
  /** The zones this process decides for now. */
  held(): readonly string[];
  /** The fencing token of this process's lease on `zone`, or null when it does not (or no longer surely) hold it. */
  fenceFor(zone: string): Fence | null;
}

/** A gate that holds no zone: an API node with DISPATCH=off serves drivers but decides nothing. */
export const NO_ZONES: ZoneGate = { held: () => [], fenceFor: () => null };

export interface ZoneLeaseOptions {
  redis: RedisClient;
  /** The zones to share out (all stores); read again every `refreshZonesMs`. */
  zones: () => Promise<readonly string[]> | readonly string[];
  /** Same prefix as the driver index (default "dispatch:"), so the index's scripts find the lease. */
  keyPrefix?: string;
  /** This dispatcher's name in leases and heartbeats (no ";"). Default host:pid:random. */
  owner?: string;
  /** Lease and heartbeat lifetime. Default 4 s. */
  ttlMs?: number;
  /** How often leases are renewed and zones rebalanced. Default 1 s. */
  renewMs?: number;
  refreshZonesMs?: number;
  /** Told of every zone won or lost (logs, metrics). */
  onChange?: (change: { zone: string; event: "acquired" | "lost" | "released"; token: Fence }) => void;
  onError?: (err: unknown) => void;
}

interface Held {
  token: Fence;
  /** After this (local clock) the lease may have run out in Redis: stop deciding before then. */
  validUntil: number;
}

type Script = (...args: (string | number)[]) => Promise<unknown>;
const SCRIPTS = {
  zoneLeaseAcquire: [2, lua.ACQUIRE],
  zoneLeaseRenew: [1, lua.RENEW],
  zoneLeaseRelease: [1, lua.RELEASE],
  zoneLeaseHeartbeat: [1, lua.HEARTBEAT],
} as const;

export class RedisZoneLeases implements ZoneGate {
  readonly owner: string;
  readonly ttlMs: number;
  readonly renewMs: number;
  private readonly prefix: string;
  private readonly margin: number;
  private readonly heldZones = new Map<string, Held>();
  private zoneList: readonly string[] = [];
  private zonesReadAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** How many dispatchers heartbeat (the last round's count). */
  live = 0;
  readonly counts = { acquired: 0, lost: 0, released: 0 };

  constructor(private readonly opts: ZoneLeaseOptions) {
    this.prefix = opts.keyPrefix ?? "dispatch:";
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    if (this.owner.includes(";")) throw new Error("a lease owner's name may not contain ';'");
    this.ttlMs = opts.ttlMs ?? 4_000;
    this.renewMs = opts.renewMs ?? 1_000;
    if (this.renewMs * 2 > this.ttlMs) throw new Error("leases must be renewed at least twice per TTL");
    // Stop deciding a little before Redis could expire the lease (clock drift, a slow renewal).
    this.margin = Math.min(500, Math.floor(this.ttlMs / 4));
    for (const [name, [numberOfKeys, script]] of Object.entries(SCRIPTS)) {
      if (!(name in opts.redis)) opts.redis.defineCommand(name, { numberOfKeys, lua: script });
    }
  }

  held(): string[] {
    const now = Date.now();
    return [...this.heldZones].filter(([, h]) => h.validUntil > now).map(([zone]) => zone);
  }

  fenceFor(zone: string): Fence | null {
    const h = this.heldZones.get(zone);
    return h && h.validUntil > Date.now() ? h.token : null;
  }

  /** Runs the first round now, then one every `renewMs`. */
  async start(): Promise<void> {
    await this.round();
    this.timer = setInterval(() => {
      this.running ??= this.round()
        .catch((err: unknown) => this.opts.onError?.(err))
        .finally(() => {
          this.running = undefined;
        });
    }, this.renewMs);
  }

  /**
   * Stops renewing. `release: true` (a graceful stop) hands the zones back at once and leaves the
   * membership; `false` is what a crash looks like to the others: the leases run out after their TTL.
   */
  async stop(opts: { release: boolean } = { release: true }): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    const zones = [...this.heldZones.keys()];
    if (opts.release) {
      await Promise.all(zones.map((z) => this.release(z)));
      await this.opts.redis.zrem(this.membersKey(), this.owner).catch(() => 0);
    }
    this.heldZones.clear();
  }

  /** One heartbeat, renewal and rebalancing step (tests call it to move on without waiting). */
  async round(): Promise<void> {
    const started = Date.now();
    this.live = Number(await this.run("zoneLeaseHeartbeat", this.membersKey(), this.owner, this.ttlMs));
    await this.renewAll(started);
    const zones = await this.zones(started);
    const target = Math.ceil(zones.length / Math.max(1, this.live));
    const held = [...this.heldZones.keys()];
    if (held.length > target) {
      // Hand back the zones this dispatcher likes least, so a newcomer can take them.
      const extra = this.byPreference(held)
        .reverse()
        .slice(0, held.length - target);
      await Promise.all(extra.map((z) => this.release(z)));
    } else if (held.length < target) {
      const wanted = this.byPreference(zones.filter((z) => !this.heldZones.has(z)));
      await this.acquireUpTo(wanted, target - held.length, started);
    }
  }

  private async renewAll(started: number): Promise<void> {
    await Promise.all(
      [...this.heldZones].map(async ([zone, h]) => {
        const ok = await this.run("zoneLeaseRenew", this.key(zone), `${this.owner};${h.token}`, this.ttlMs);
        if (ok === 1) h.validUntil = started + this.ttlMs - this.margin;
        else this.drop(zone, "lost");
      }),
    );
  }

  /** Takes free zones in this dispatcher's preference order until `need` are won or none is left. */
  private async acquireUpTo(wanted: string[], need: number, started: number): Promise<void> {
    const holders = await Promise.all(wanted.map((z) => this.opts.redis.exists(this.key(z))));
    const free = wanted.filter((_, i) => holders[i] === 0);
    let won = 0;
    for (let i = 0; i < free.length && won < need; ) {
      const batch = free.slice(i, i + (need - won));
      i += batch.length;
      const tokens = await Promise.all(
        batch.map((z) => this.run("zoneLeaseAcquire", this.key(z), this.fenceKey(z), this.owner, this.ttlMs)),
      );
      batch.forEach((zone, j) => {
        const token = Number(tokens[j]);
        if (token <= 0) return;
        won++;
        this.heldZones.set(zone, { token, validUntil: started + this.ttlMs - this.margin });
        this.counts.acquired++;
        this.opts.onChange?.({ zone, event: "acquired", token });
      });
    }
  }

  private async release(zone: string): Promise<void> {
    const h = this.heldZones.get(zone);
    if (!h) return;
    this.drop(zone, "released");
    await this.run("zoneLeaseRelease", this.key(zone), `${this.owner};${h.token}`).catch(() => 0);
  }

  private drop(zone: string, event: "lost" | "released"): void {
    const h = this.heldZones.get(zone);
    if (!h) return;
    this.heldZones.delete(zone);
    this.counts[event]++;
    this.opts.onChange?.({ zone, event, token: h.token });
  }

  private async zones(now: number): Promise<readonly string[]> {
    if (this.zoneList.length === 0 || now - this.zonesReadAt >= (this.opts.refreshZonesMs ?? 15_000)) {
      this.zoneList = [...new Set(await this.opts.zones())];
      this.zonesReadAt = now;
    }
    return this.zoneList;
  }

  /** Zones in this dispatcher's rendezvous order, most preferred first. */
  private byPreference(zones: readonly string[]): string[] {
    return zones
      .map((zone) => ({ zone, score: rendezvous(this.owner, zone) }))
      .sort((a, b) => b.score - a.score)
      .map((z) => z.zone);
  }

  private key(zone: string): string {
    return zoneKeys(this.prefix, zone).lease;
  }
  private fenceKey(zone: string): string {
    return zoneKeys(this.prefix, zone).fence;
  }
  private membersKey(): string {
    return `${this.prefix}dispatchers`;
  }
  private run(name: keyof typeof SCRIPTS, ...args: (string | number)[]): Promise<unknown> {
    return (this.opts.redis as unknown as Record<string, Script>)[name]!(...args);
  }
}

/** Rendezvous (highest random weight) score: each dispatcher prefers a different, stable set of zones. */
function rendezvous(owner: string, zone: string): number {
  return createHash("sha1").update(`${owner}\n${zone}`).digest().readUInt32BE(0);
}

import type { Cache } from "../infra/cache.ts";
import type { DriverPosition } from "./events.ts";

const KEY = "tracking:last-positions";
/** A position older than this is nobody's current position. */
const MAX_AGE_MS = 5 * 60_000;
/** How often this node writes its drivers' latest positions to the shared cache, all in one write. */
const SHARE_EVERY_MS = 1_000;
const MAX_LOCAL = 100_000;

/**
 * Drivers' last positions, for the snapshot a customer gets on joining: in this node's memory always, and
 * for the other nodes in one shared hash (one field per driver), written once a second with every driver
 * that moved since — one Redis command a second per node instead of one per driver every 2 s, which at
 * 1,000 drivers was a write (and a timeout timer) per position every other second. A late joiner on another
 * node may see a position up to about a second old, then the live ones. The hash holds one field per driver
 * who reported in the last 5 minutes anywhere (it expires whole when nobody reports); older fields are
 * ignored when read.
 */
export class SharedPositions {
  private readonly local = new Map<string, DriverPosition>();
  /** Drivers who moved since the last write; their positions are encoded only when written. */
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly cache: Cache) {}

  remember(driverId: string, position: DriverPosition): void {
    if (this.local.size >= MAX_LOCAL && !this.local.has(driverId)) this.local.clear();
    this.local.set(driverId, position);
    this.dirty.add(driverId);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), SHARE_EVERY_MS);
      this.timer.unref();
    }
  }

  async last(driverId: string): Promise<DriverPosition | null> {
    const local = this.local.get(driverId);
    const raw = await this.cache.getField(KEY, driverId).catch(() => undefined);
    const shared = raw ? (JSON.parse(raw) as DriverPosition) : null;
    const best = local && (!shared || local.at >= shared.at) ? local : shared;
    return best && Date.now() - best.at <= MAX_AGE_MS ? best : null;
  }

  private flush() {
    this.timer = undefined;
    const fields = new Map<string, string>();
    for (const driverId of this.dirty) {
      const position = this.local.get(driverId);
      if (position) fields.set(driverId, JSON.stringify(position));
    }
    this.dirty = new Set();
    // A lost write costs other nodes' late joiners one second of freshness; the next write comes anyway.
    this.cache.setFields(KEY, fields, MAX_AGE_MS).catch(() => undefined);
  }
}

export interface ActiveOrder {
  orderId: string;
  version: number;
}

/** The orders each of these drivers has out for delivery now (a driver with none may be left out). */
export type ActiveOrdersLoader = (driverIds: readonly string[]) => Promise<Map<string, ActiveOrder[]>>;

// Changes are also pushed (`invalidate`, on every node, when a delivery or an order leaves/enters delivery); the TTL
// only bounds how long a missed invalidation can leave positions going to the wrong rooms.
const TTL_MS = 10_000;
/** Refreshes of expired entries wait this long for company: one query for every driver that expired meanwhile. */
const REFRESH_BATCH_MS = 250;
const MAX_ENTRIES = 50_000;

interface Entry {
  orders: ActiveOrder[];
  expiresAt: number;
  refreshing: boolean;
}

interface Batch {
  ids: Set<string>;
  /** Invalidated while the batch's query ran: its answer for them is suspect and is not kept. */
  suspect: Set<string>;
  suspectAll: boolean;
  result: Promise<Map<string, ActiveOrder[]>>;
}

/**
 * Which orders a driver is delivering, per node, for the position path (one position per driver per second).
 * An expired entry is served while a background query refreshes it, and the refreshes of every driver that
 * expired within `REFRESH_BATCH_MS` share one query: at 1,000 drivers the per-driver refresh was ~200
 * queries a second and the largest CPU cost of a node after writing to sockets. A driver seen for the
 * first time waits for a query shared with the others first seen in the same turn of the event loop.
 */
export class ActiveOrdersCache {
  private readonly entries = new Map<string, Entry>();
  private readonly firstLoads = new Map<string, Promise<ActiveOrder[]>>();
  private readonly running = new Set<Batch>();
  private nextFirst: Batch | undefined;
  private nextRefresh: Batch | undefined;

  constructor(private readonly load: ActiveOrdersLoader) {}

  get(driverId: string): Promise<ActiveOrder[]> {
    const cached = this.entries.get(driverId);
    if (!cached) return this.firstLoad(driverId);
    if (cached.expiresAt <= Date.now() && !cached.refreshing) {
      cached.refreshing = true;
      this.enqueue(driverId, false).catch(() => {
        cached.refreshing = false;
      });
    }
    return Promise.resolve(cached.orders);
  }

  /** Loads a driver's entry ahead of their first position (called when the driver connects). */
  warm(driverId: string): void {
    if (!this.entries.has(driverId)) this.firstLoad(driverId).catch(() => undefined);
  }

  /** Forget one driver (or every driver): their deliveries just changed; a query in flight for them is not kept. */
  invalidate(driverId?: string): void {
    if (driverId === undefined) {
      this.entries.clear();
      this.firstLoads.clear();
      for (const b of this.running) b.suspectAll = true;
      return;
    }
    this.entries.delete(driverId);
    this.firstLoads.delete(driverId);
    for (const b of this.running) if (b.ids.has(driverId)) b.suspect.add(driverId);
  }

  private firstLoad(driverId: string): Promise<ActiveOrder[]> {
    const running = this.firstLoads.get(driverId);
    if (running) return running;
    const load = this.enqueue(driverId, true);
    this.firstLoads.set(driverId, load);
    const done = () => {
      if (this.firstLoads.get(driverId) === load) this.firstLoads.delete(driverId);
    };
    load.then(done, done);
    return load;
  }

  private enqueue(driverId: string, first: boolean): Promise<ActiveOrder[]> {
    if (first) this.nextFirst ??= this.open(true);
    else this.nextRefresh ??= this.open(false);
    const batch = (first ? this.nextFirst : this.nextRefresh)!;
    batch.ids.add(driverId);
    return batch.result.then((found) => found.get(driverId) ?? []);
  }

  private open(first: boolean): Batch {
    const batch = { ids: new Set<string>(), suspect: new Set<string>(), suspectAll: false } as Batch;
    const started = new Promise<void>((resolve) =>
      first ? setImmediate(resolve) : setTimeout(resolve, REFRESH_BATCH_MS),
    );
    batch.result = started
      .then(() => {
        if (first) this.nextFirst = undefined;
        else this.nextRefresh = undefined;
        this.running.add(batch);
        return this.load([...batch.ids]);
      })
      .then((found) => {
        this.keep(batch, found);
        return found;
      })
      .finally(() => this.running.delete(batch));
    return batch;
  }

  private keep(batch: Batch, found: Map<string, ActiveOrder[]>) {
    if (batch.suspectAll) return;
    const now = Date.now();
    if (this.entries.size > MAX_ENTRIES) this.sweep(now - TTL_MS);
    for (const id of batch.ids) {
      if (batch.suspect.has(id)) continue;
      // Jittered, so the entries of drivers first seen together do not all expire together.
      this.entries.set(id, {
        orders: found.get(id) ?? [],
        expiresAt: now + TTL_MS * (0.8 + Math.random() * 0.4),
        refreshing: false,
      });
    }
  }

  private sweep(before: number) {
    for (const [k, v] of this.entries) if (v.expiresAt <= before) this.entries.delete(k);
  }
}

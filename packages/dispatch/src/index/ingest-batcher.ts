// Positions arriving in the same turn of the event loop (or within a short window) share one script call
// per region: that is what lets the Redis index's ingest keep up with raw pipelined GEOADD while it also
// checks order and availability. The batcher only groups and settles; what a batch costs is the caller's.

/** One queued item and how to answer its caller. */
export interface Queued<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface IngestBatcherOptions {
  /** Most items in one batch; a longer queue goes out as several batches. */
  maxBatch: number;
  /** How long an item waits for others: 0 folds those of one turn of the event loop. */
  windowMs: number;
}

export class IngestBatcher<T, R> {
  private readonly queues = new Map<string, Queued<T, R>[]>();
  private scheduled = false;

  constructor(
    /** Sends one region's batch and settles every item of it (resolve or reject), never throws. */
    private readonly send: (region: string, batch: Queued<T, R>[]) => Promise<void>,
    private readonly opts: IngestBatcherOptions,
  ) {}

  add(region: string, item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      let q = this.queues.get(region);
      if (!q) {
        q = [];
        this.queues.set(region, q);
      }
      q.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      if (this.opts.windowMs > 0) setTimeout(() => this.flush(), this.opts.windowMs);
      else setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queues = [...this.queues];
    this.queues.clear();
    for (const [region, q] of queues) {
      for (let i = 0; i < q.length; i += this.opts.maxBatch)
        void this.send(region, q.slice(i, i + this.opts.maxBatch));
    }
  }
}

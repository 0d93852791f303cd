// Assignments per second, batching off and on: a peak at ten stores (Redis index), every driver busy
// while the orders come in, then all free at once; the dispatcher's ticks hand the waiting orders out
// (offers accepted as they arrive) until nothing more can be assigned. With batching on, pairs of
// orders going the same way leave as one trip. Run alone: node --import tsx packages/dispatch/bench/assignments.ts
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { ManualClock } from "../src/clock.ts";
import { Dispatcher } from "../src/dispatcher.ts";
import { destination, type LatLng } from "../src/geo.ts";
import { RedisDriverIndex } from "../src/index/redis-driver-index.ts";
import { deleteByPrefix } from "../src/redis-client.ts";

const STORES = 10;
const DRIVERS_PER_STORE = 40;
const ORDERS_PER_STORE = 120;
const CENTRE: LatLng = { lat: 52.52, lng: 13.405 };

export interface AssignmentFigures {
  assignmentsPerS: number;
  assigned: number;
  trips: number;
  seconds: number;
}

/** One peak, batching `on` or off, against the Redis at `url`; keys removed afterwards. */
export async function measureAssignments(url: string, batching: boolean): Promise<AssignmentFigures> {
  const redis = new Redis(url);
  const keyPrefix = `bench-assign-${randomBytes(4).toString("hex")}:`;
  const clock = new ManualClock();
  const index = new RedisDriverIndex(redis, {
    keyPrefix,
    clock,
    staleAfterMs: 3_600_000,
    maxDeliveriesPerDriver: batching ? 2 : 1,
  });
  const stores = Array.from({ length: STORES }, (_, i) => ({
    region: `store-${i}`,
    at: destination(CENTRE, i * 36, 4000),
  }));
  const dispatcher = new Dispatcher({ index, clock, regions: stores.map((s) => s.region), batching });
  let assigned = 0;
  let trips = 0;
  dispatcher.subscribe(async (e) => {
    if (e.type === "accepted") assigned++;
    if (e.type !== "offer_made" || (e.trip && e.deliveryId !== e.trip.stops.at(-1))) return;
    if (e.trip) trips++;
    await dispatcher.accept(e.region, e.deliveryId, e.driverId);
  });
  try {
    for (const s of stores) {
      await Promise.all(
        Array.from({ length: DRIVERS_PER_STORE }, (_, i) =>
          index.ingest(
            `${s.region}-d${i}`,
            s.region,
            { ...destination(s.at, i * 9, 300 + i * 40), ts: clock.now() },
            { statusIfUnknown: "break" },
          ),
        ),
      );
      for (let i = 0; i < ORDERS_PER_STORE; i++) {
        const dropoff = destination(s.at, (i * 7) % 360, 800 + ((i * 131) % 2500));
        await dispatcher.request({
          deliveryId: `${s.region}-o${i}`,
          region: s.region,
          pickup: s.at,
          dropoff,
        });
      }
      await Promise.all(
        Array.from({ length: DRIVERS_PER_STORE }, (_, i) =>
          index.setStatus(`${s.region}-d${i}`, s.region, "available"),
        ),
      );
    }
    const started = performance.now();
    for (let before = -1; assigned !== before; ) {
      before = assigned;
      clock.advance(16_000);
      await dispatcher.tick();
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      assignmentsPerS: Math.round(assigned / seconds),
      assigned,
      trips,
      seconds: Math.round(seconds * 100) / 100,
    };
  } finally {
    await deleteByPrefix(redis, keyPrefix);
    redis.disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const off = await measureAssignments(url, false);
  const on = await measureAssignments(url, true);
  console.log(`batching off: ${off.assigned} assigned in ${off.seconds} s (${off.assignmentsPerS}/s)`);
  console.log(
    `batching on: ${on.assigned} assigned in ${on.seconds} s (${on.assignmentsPerS}/s), ${on.trips} trips`,
  );
  console.log(
    JSON.stringify({
      bench: "dispatch-assignments",
      assignments_per_s: off.assignmentsPerS,
      assignments_per_s_batching: on.assignmentsPerS,
      assigned: off.assigned,
      assigned_batching: on.assigned,
      trips: on.trips,
    }),
  );
}

// Stand-alone dispatch demo: N simulated drivers around a city centre, an order every few seconds,
// offers accepted by the simulator, deliveries driven to their door. In-process index unless
// REDIS_URL is set. BATCHING=on lets two orders of a store go out as one trip; PEAK=on sends the orders
// from five stores, three a second, with the kitchen's estimate a few minutes ahead (a Friday evening):
// the counts then show the trips. Usage:
// [BATCHING=on] [PEAK=on] node --import tsx packages/dispatch/scripts/simulate.ts [drivers] [lat,lng] [seconds]
import { Redis } from "ioredis";
import { createDriverIndex, type DeliveryRecord, Dispatcher, destination, Simulator } from "../src/index.ts";

const drivers = Number(process.argv[2] ?? 50);
const [lat, lng] = (process.argv[3] ?? "52.52,13.405").split(",").map(Number);
const seconds = Number(process.argv[4] ?? 30);
const centre = { lat: lat ?? 52.52, lng: lng ?? 13.405 };
const region = "sim";
// The demo runs 10× faster than real time so a delivery finishes within a short run.
const SPEEDUP = 10;
const start = Date.now();
const clock = { now: () => start + (Date.now() - start) * SPEEDUP };

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
const batching = process.env.BATCHING === "on";
const peak = process.env.PEAK === "on";
const index = createDriverIndex({
  redis,
  keyPrefix: `sim:${start}:`,
  clock,
  maxDeliveriesPerDriver: batching ? 2 : 1,
});
const dispatcher = new Dispatcher({
  index,
  clock,
  regions: [region],
  batching,
  onError: (e) => console.error(e),
});
const counts = { offers: 0, accepted: 0, pickedUp: 0, delivered: 0, noDriver: 0, trips: 0, onTrips: 0 };
const stores = Array.from({ length: 5 }, () =>
  destination(centre, Math.random() * 360, 3000 * Math.sqrt(Math.random())),
);
const sim = new Simulator(
  { centre, drivers, radiusM: 5000, seed: start },
  {
    onPosition: async (id, pos) => {
      await index.ingest(id, region, pos, { statusIfUnknown: "available" });
    },
    pickedUp: () => void counts.pickedUp++,
    delivered: async (id, deliveryId) => {
      counts.delivered++;
      await dispatcher.complete(region, deliveryId, id);
    },
  },
);
dispatcher.subscribe(async (e) => {
  if (e.type === "no_driver") counts.noDriver++;
  if (e.type !== "offer_made") return;
  counts.offers++;
  // A trip is offered stop by stop: answer it once, at its last stop, for all of them.
  if (e.trip && e.deliveryId !== e.trip.stops.at(-1)) return;
  const recs = await Promise.all(
    (e.trip?.stops ?? [e.deliveryId]).map((id) => dispatcher.status(e.region, id)),
  );
  const rec = recs.every(Boolean) ? (recs as DeliveryRecord[]) : null;
  if (e.trip) {
    counts.trips++;
    counts.onTrips += e.trip.stops.length;
  }
  if (rec && sim.accept(e.driverId, rec)) {
    await dispatcher.accept(e.region, e.deliveryId, e.driverId);
    counts.accepted++;
  } else {
    await dispatcher.decline(e.region, e.deliveryId, e.driverId);
  }
});

let n = 0;
// Every timer's work is tracked so shutdown can wait for it before closing the connection.
const inflight = new Set<Promise<unknown>>();
const track = (p: Promise<unknown>) => {
  const q = p.catch((e) => console.error(e)).finally(() => inflight.delete(q));
  inflight.add(q);
};
const stepTimer = setInterval(() => track(sim.step(clock.now())), 200);
const tickTimer = setInterval(() => track(dispatcher.tick()), 1000);
const orderTimer = setInterval(
  () => {
    const pickup = peak
      ? stores[n % stores.length]!
      : destination(centre, Math.random() * 360, 3000 * Math.sqrt(Math.random()));
    track(
      dispatcher.request({
        deliveryId: `order-${++n}`,
        region,
        pickup,
        dropoff: destination(pickup, Math.random() * 360, 500 + Math.random() * 3000),
        ...(peak ? { readyAt: clock.now() + (2 + Math.random() * 6) * 60_000 } : {}),
      }),
    );
  },
  peak ? 333 : 500,
);
const reportTimer = setInterval(
  () => console.log(JSON.stringify({ t: Math.round((Date.now() - start) / 1000), ...counts })),
  5000,
);

setTimeout(async () => {
  for (const t of [stepTimer, tickTimer, orderTimer, reportTimer]) clearInterval(t);
  while (inflight.size > 0) await Promise.all(inflight);
  console.log(JSON.stringify({ done: true, orders: n, ...counts, metrics: index.metrics() }));
  if (redis) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `sim:${start}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
    redis.disconnect();
  }
}, seconds * 1000);

// Stand-alone dispatch demo: N simulated drivers around a city centre, an order every few seconds,
// offers accepted by the simulator, deliveries driven to their door. In-process index unless
// REDIS_URL is set. Usage: node --import tsx packages/dispatch/scripts/simulate.ts [drivers] [lat,lng] [seconds]
import { Redis } from "ioredis";
import { createDriverIndex, Dispatcher, destination, Simulator } from "../src/index.ts";

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
const index = createDriverIndex({ redis, keyPrefix: `sim:${start}:`, clock });
const dispatcher = new Dispatcher({ index, clock, regions: [region], onError: (e) => console.error(e) });
const counts = { offers: 0, accepted: 0, pickedUp: 0, delivered: 0, noDriver: 0 };
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
  const rec = await dispatcher.status(e.region, e.deliveryId);
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
const orderTimer = setInterval(() => {
  const pickup = destination(centre, Math.random() * 360, 3000 * Math.sqrt(Math.random()));
  track(
    dispatcher.request({
      deliveryId: `order-${++n}`,
      region,
      pickup,
      dropoff: destination(pickup, Math.random() * 360, 500 + Math.random() * 3000),
    }),
  );
}, 500);
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

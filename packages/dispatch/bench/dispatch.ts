// Dispatch benchmark: 100,000 drivers in one metro. Every figure has its baseline from the same run,
// interleaved with it so that both see the same machine load: our ingest vs raw pipelined GEOADD
// (alternating rounds, best of each), our nearest (availability + freshness filtered) vs bare
// GEOSEARCH, H3 ring buckets in Redis and PostGIS KNN (alternating per query); then the in-process
// adapter alone.
// Last line: one JSON object.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { gridDisk, latLngToCell } from "h3-js";
import { Redis } from "ioredis";
import pg from "pg";
import { ManualClock } from "../src/clock.ts";
import { destination, haversineM, type LatLng } from "../src/geo.ts";
import { MemoryDriverIndex } from "../src/index/memory-driver-index.ts";
import { RedisDriverIndex } from "../src/index/redis-driver-index.ts";
import { measureAssignments } from "./assignments.ts";

const DRIVERS = Number(process.env.BENCH_DRIVERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const INGEST_ROUNDS = 3;
const RADIUS_M = 3000;
const LIMIT = 10;
const CHUNK = 5000;
const REDIS_URL = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REGION = "bench";
const CENTRE: LatLng = { lat: 52.52, lng: 13.405 };
// Resolution 8 (edge ≈ 460 m) for the H3-in-Redis variant: one ring around the query cell holds the
// nearest ten in this fleet.
const H3_RES = 8;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(7);
// Denser in the centre, like a real metro: an 8 km core and suburbs out to 25 km.
const metroPoint = (): LatLng =>
  destination(CENTRE, rand() * 360, (rand() < 0.5 ? 8000 : 25_000) * Math.sqrt(rand()));

const ids = Array.from({ length: DRIVERS }, (_, i) => `drv-${i}`);
const rounds: LatLng[][] = [ids.map(() => metroPoint())];
for (let r = 1; r <= INGEST_ROUNDS; r++)
  rounds.push(rounds[r - 1]!.map((p) => destination(p, rand() * 360, rand() * 150)));
const last = rounds[INGEST_ROUNDS]!;
const queries = Array.from({ length: QUERIES }, () =>
  destination(CENTRE, rand() * 360, 15_000 * Math.sqrt(rand())),
);
// One driver in five is on a break or offline: the nearest search has to filter them out.
const available = ids.map((_, i) => i % 5 !== 0);

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const redis = new Redis(REDIS_URL);
const prefix = `bench:dispatch:${randomBytes(4).toString("hex")}:`;
const clock = new ManualClock(Date.now());
const index = new RedisDriverIndex(redis, { keyPrefix: prefix, clock, staleAfterMs: 3_600_000 });
const rawKey = `${prefix}{${REGION}}:raw`;
const cellKey = (c: string) => `${prefix}{${REGION}}:cell:${c}`;
const memory = new MemoryDriverIndex({ clock, staleAfterMs: 3_600_000 });
let pgAdmin: pg.Client | null = null;
let pgClient: pg.Client | null = null;
let pgDb = "";
let postgisNote = "";

async function loadRedis(): Promise<{ ingestPerS: number; geoaddPerS: number }> {
  // Round 0 creates the drivers (statuses from the hint); not timed.
  for (let i = 0; i < DRIVERS; i += CHUNK) {
    await Promise.all(
      ids.slice(i, i + CHUNK).map((id, j) =>
        index.ingest(
          id,
          REGION,
          { ...rounds[0]![i + j]!, ts: clock.now() },
          {
            statusIfUnknown: available[i + j] ? "available" : "break",
          },
        ),
      ),
    );
  }
  // Alternating rounds, best of each: the same number of position writes, same client, same chunks.
  let geoaddBest = Number.POSITIVE_INFINITY;
  let ingestBest = Number.POSITIVE_INFINITY;
  for (let r = 1; r <= INGEST_ROUNDS; r++) {
    const pts = rounds[r]!;
    clock.advance(1000);
    let t = performance.now();
    for (let i = 0; i < DRIVERS; i += CHUNK) {
      const p = redis.pipeline();
      for (let j = i; j < Math.min(DRIVERS, i + CHUNK); j++)
        p.geoadd(rawKey, pts[j]!.lng, pts[j]!.lat, ids[j]!);
      await p.exec();
    }
    geoaddBest = Math.min(geoaddBest, performance.now() - t);
    t = performance.now();
    let accepted = 0;
    for (let i = 0; i < DRIVERS; i += CHUNK) {
      const res = await Promise.all(
        ids.slice(i, i + CHUNK).map((id, j) => index.ingest(id, REGION, { ...pts[i + j]!, ts: clock.now() })),
      );
      accepted += res.filter((x) => x.accepted).length;
    }
    ingestBest = Math.min(ingestBest, performance.now() - t);
    if (accepted !== DRIVERS) throw new Error(`only ${accepted} of ${DRIVERS} updates accepted`);
  }
  for (let i = 0; i < DRIVERS; i += CHUNK) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(DRIVERS, i + CHUNK); j++) {
      if (available[j])
        p.hset(
          cellKey(latLngToCell(last[j]!.lat, last[j]!.lng, H3_RES)),
          ids[j]!,
          `${last[j]!.lat},${last[j]!.lng}`,
        );
    }
    await p.exec();
  }
  return { ingestPerS: (DRIVERS / ingestBest) * 1000, geoaddPerS: (DRIVERS / geoaddBest) * 1000 };
}

async function loadPostgis(): Promise<void> {
  pgAdmin = new pg.Client({ connectionString: PG_URL });
  await pgAdmin.connect();
  pgDb = `dispatch_bench_${randomBytes(4).toString("hex")}`;
  await pgAdmin.query(`create database ${pgDb}`);
  const url = new URL(PG_URL);
  url.pathname = `/${pgDb}`;
  pgClient = new pg.Client({ connectionString: url.toString() });
  await pgClient.connect();
  try {
    await pgClient.query("create extension postgis");
  } catch (err) {
    postgisNote = `postgis unavailable: ${(err as Error).message}`;
    await pgClient.end();
    pgClient = null;
    return;
  }
  await pgClient.query(
    "create table drivers (id text primary key, available boolean not null, geog geography(Point, 4326) not null)",
  );
  for (let i = 0; i < DRIVERS; i += CHUNK) {
    const n = Math.min(CHUNK, DRIVERS - i);
    await pgClient.query(
      `insert into drivers select id, av, st_setsrid(st_makepoint(lng, lat), 4326)::geography
       from unnest($1::text[], $2::bool[], $3::float8[], $4::float8[]) as t(id, av, lng, lat)`,
      [
        ids.slice(i, i + n),
        available.slice(i, i + n),
        last.slice(i, i + n).map((p) => p.lng),
        last.slice(i, i + n).map((p) => p.lat),
      ],
    );
  }
  await pgClient.query("create index drivers_geog on drivers using gist (geog)");
  await pgClient.query("analyze drivers");
}

async function loadMemory(): Promise<void> {
  for (let i = 0; i < DRIVERS; i++) {
    await memory.ingest(
      ids[i]!,
      REGION,
      { ...last[i]!, ts: clock.now() },
      {
        statusIfUnknown: available[i] ? "available" : "break",
      },
    );
  }
}

const knnSql = `select id, geog <-> st_setsrid(st_makepoint($1, $2), 4326)::geography as d from drivers
  where available order by geog <-> st_setsrid(st_makepoint($1, $2), 4326)::geography limit ${LIMIT}`;

const contenders: Record<string, (q: LatLng) => Promise<unknown>> = {
  nearest: (q) => index.nearest(REGION, q, { radiusM: RADIUS_M, limit: LIMIT }),
  geosearch: (q) =>
    redis.geosearch(rawKey, "FROMLONLAT", q.lng, q.lat, "BYRADIUS", RADIUS_M, "m", "ASC", "COUNT", LIMIT),
  h3redis: async (q) => {
    const p = redis.pipeline();
    for (const c of gridDisk(latLngToCell(q.lat, q.lng, H3_RES), 1)) p.hgetall(cellKey(c));
    const best: { id: string; d: number }[] = [];
    for (const [, h] of (await p.exec()) ?? []) {
      for (const [id, v] of Object.entries(h as Record<string, string>)) {
        const [lat, lng] = v.split(",").map(Number);
        const d = haversineM(q, { lat: lat!, lng: lng! });
        if (d <= RADIUS_M) best.push({ id, d });
      }
    }
    return best.sort((a, b) => a.d - b.d).slice(0, LIMIT);
  },
  postgis: (q) => pgClient!.query({ name: "knn", text: knnSql, values: [q.lng, q.lat] }),
};

/** The in-process adapter on its own: interleaved with Redis calls it would time the CPU cache, not itself. */
async function measureMemory(): Promise<number[]> {
  const out: number[] = [];
  for (const q of queries.slice(0, 100)) await memory.nearest(REGION, q, { radiusM: RADIUS_M, limit: LIMIT });
  for (const q of queries) {
    const t = performance.now();
    await memory.nearest(REGION, q, { radiusM: RADIUS_M, limit: LIMIT });
    out.push(performance.now() - t);
  }
  return out;
}

async function measure(): Promise<Record<string, number[]>> {
  const names = Object.keys(contenders).filter((n) => n !== "postgis" || pgClient);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const q of queries.slice(0, 100)) for (const n of names) await contenders[n]!(q); // warm-up
  for (const q of queries) {
    for (const n of names) {
      const t = performance.now();
      await contenders[n]!(q);
      samples[n]!.push(performance.now() - t);
    }
  }
  return samples;
}

async function cleanup(): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
  await redis.quit();
  await pgClient?.end().catch(() => {});
  if (pgAdmin) {
    await pgAdmin.query(`drop database if exists ${pgDb}`).catch(() => {});
    await pgAdmin.end();
  }
}

const started = performance.now();
let ingest: { ingestPerS: number; geoaddPerS: number };
let s: Record<string, number[]>;
try {
  ingest = await loadRedis();
  await loadPostgis();
  await loadMemory();
  s = { ...(await measure()), memory: await measureMemory() };
} finally {
  await cleanup();
}
// Whole assignments (search, rank, claim, offer, accept), batching off and on (bench/assignments.ts).
const assignOff = await measureAssignments(REDIS_URL, false);
const assignOn = await measureAssignments(REDIS_URL, true);
const line = (label: string, xs: number[] | undefined) =>
  console.log(xs ? `${label}: p50 ${r3(pct(xs, 50))} ms, p99 ${r3(pct(xs, 99))} ms` : `${label}: n/a`);
console.log(
  `ingest (best of ${INGEST_ROUNDS}): ${Math.round(ingest.ingestPerS)}/s vs raw pipelined GEOADD ` +
    `${Math.round(ingest.geoaddPerS)}/s (ratio ${(ingest.ingestPerS / ingest.geoaddPerS).toFixed(2)})`,
);
line("nearest, Redis adapter (availability + freshness filtered)", s.nearest);
line(`bare GEOSEARCH BYRADIUS ${RADIUS_M} m ASC COUNT ${LIMIT}`, s.geosearch);
line("H3 gridDisk(1) res-8 buckets in Redis + client-side distance", s.h3redis);
if (postgisNote) console.log(postgisNote);
line("PostGIS KNN (GiST, <->, available only)", s.postgis);
line("in-process adapter (H3 res-9 rings)", s.memory);
console.log(
  `assignments: ${assignOff.assignmentsPerS}/s batching off, ${assignOn.assignmentsPerS}/s batching on (${assignOn.trips} trips)`,
);
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(
  JSON.stringify({
    bench: "dispatch",
    drivers: DRIVERS,
    ingest_per_s: Math.round(ingest.ingestPerS),
    geoadd_per_s: Math.round(ingest.geoaddPerS),
    ingest_ratio: Math.round((ingest.ingestPerS / ingest.geoaddPerS) * 100) / 100,
    nearest_p50_ms: r3(pct(s.nearest!, 50)),
    nearest_p99_ms: r3(pct(s.nearest!, 99)),
    geosearch_p99_ms: r3(pct(s.geosearch!, 99)),
    postgis_knn_p99_ms: s.postgis ? r3(pct(s.postgis, 99)) : null,
    memory_nearest_p99_ms: r3(pct(s.memory!, 99)),
    assignments_per_s: assignOff.assignmentsPerS,
    assignments_per_s_batching: assignOn.assignmentsPerS,
    trips: assignOn.trips,
  }),
);

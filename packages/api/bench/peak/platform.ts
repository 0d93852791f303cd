// What the evening runs against: a platform of its own (the drills' Topology: a fresh seeded database,
// its own Redis, API nodes behind HAProxy and a kitchen node with a fast autopilot), or a running one
// (`--url`, with DATABASE_URL and JWT_SECRET of that platform in the environment).
import { connect, type Database, type Kysely } from "@pizza/db";
import { platformOn } from "../../drills/faults/platform-on.ts";
import type { Topology } from "../../drills/topology.ts";

export interface PeakPlatform {
  db: Kysely<Database>;
  url: string;
  jwtSecret: string;
  metricsToken: string;
  /** Nodes whose /metrics the probes read. */
  nodes: { name: string; url: string }[];
  redisUrl?: string;
  close(): Promise<void>;
}

/** Ports of the bench's own platform (apart from the drills' 3210–3250 and 6391–6399). */
const SHAPE = { redisPort: 6419, basePort: 3421, lbPort: 3420 };

export async function ownPlatform(
  topo: Topology,
  opts: { apiNodes: number; kitchenSpeed: number },
): Promise<PeakPlatform> {
  const p = await platformOn(topo, { ...SHAPE, apiNodes: opts.apiNodes, kitchenSpeed: opts.kitchenSpeed });
  const at = (port: number) => `http://127.0.0.1:${port}`;
  return {
    db: p.db,
    url: p.url,
    jwtSecret: topo.jwtSecret,
    metricsToken: topo.metricsToken,
    nodes: [
      ...p.nodes.map((n) => ({ name: n.name, url: at(n.port) })),
      { name: `${p.kitchen.name} (kitchen)`, url: at(p.kitchen.port) },
    ],
    ...(p.redis ? { redisUrl: p.redis.url } : {}),
    close: () => topo.stop(),
  };
}

export function runningPlatform(url: string): PeakPlatform {
  const need = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`--url needs ${name} of that platform in the environment`);
    return v;
  };
  const handle = connect({ databaseUrl: need("DATABASE_URL"), poolSize: 4 });
  return {
    db: handle.db,
    url,
    jwtSecret: need("JWT_SECRET"),
    metricsToken: process.env.METRICS_TOKEN ?? "",
    nodes: process.env.METRICS_TOKEN ? [{ name: "behind the URL", url }] : [],
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    close: () => handle.close(),
  };
}

// The platform most drills run: a seeded database (on the machine's PostgreSQL, or on a primary with a
// synchronous standby of the drill's own), a Redis of the drill's own, three API nodes behind HAProxy,
// (or `apiNodes`) and one more node outside the rotation that plays the kitchen (autopilot), so a fault in the rotation
// never takes the kitchen with it. With `dispatchers`, the engine runs in that many stand-alone
// dispatchers and every node runs DISPATCH=off.
import type { Topology } from "../topology.ts";

export interface PlatformShape {
  redisPort: number;
  basePort: number;
  lbPort: number;
  /** A primary with a streaming, synchronous standby (reads routed to it, payments waiting for it). */
  standby?: boolean;
  /** A Redis Cluster of the drill's own on redisPort..redisPort+5 instead of a single Redis. */
  redisCluster?: boolean;
  dispatchers?: number;
  /** API nodes in the rotation (3 unless told). */
  apiNodes?: number;
  /** How much faster than real time the kitchen node's autopilot bakes (60 unless told). */
  kitchenSpeed?: number;
}

export type PlatformUnderDrill = Awaited<ReturnType<typeof platformOn>>;

export async function platformOn(topo: Topology, shape: PlatformShape) {
  const database = shape.standby ? await topo.databaseWithStandby() : await topo.database();
  const cluster = shape.redisCluster ? await topo.redisCluster(shape.redisPort) : undefined;
  const redis = cluster ? undefined : await topo.redis(shape.redisPort);
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodes } : { REDIS_URL: redis!.url }),
    DB_POOL_SIZE: "8",
    ...database.env,
    ...(shape.dispatchers ? { DISPATCH: "off" } : {}),
  };
  const nodes = await topo.apiNodes(shape.apiNodes ?? 3, shape.basePort, env);
  const [kitchen] = await topo.apiNodes(1, shape.basePort + (shape.apiNodes ?? 3), {
    ...env,
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: String(shape.kitchenSpeed ?? 60),
  });
  const dispatchers = shape.dispatchers
    ? await topo.dispatchers(shape.dispatchers, shape.basePort + 10, { ...env, DISPATCH: "on" })
    : [];
  const url = await topo.loadBalancer(
    shape.lbPort,
    nodes.map((n) => ({ name: n.name, port: n.port })),
  );
  return {
    metricsToken: topo.metricsToken,
    db: database.db,
    url,
    nodes,
    kitchen: kitchen!,
    redis,
    cluster,
    dispatchers,
    pair: "pair" in database ? database.pair : undefined,
  };
}

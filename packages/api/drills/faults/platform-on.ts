// The platform most drills run: a seeded database, a Redis of the drill's own, three API nodes behind
// HAProxy, and a fourth node outside the rotation that plays the kitchen (autopilot) and the drivers
// (simulated fleet), so a fault in the rotation never takes the kitchen with it.
import type { Topology } from "../topology.ts";

export async function platformOn(
  topo: Topology,
  ports: { redisPort: number; basePort: number; lbPort: number },
) {
  const { db, url: databaseUrl } = await topo.database();
  const redis = await topo.redis(ports.redisPort);
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, DB_POOL_SIZE: "8" };
  const nodes = await topo.apiNodes(3, ports.basePort, env);
  await topo.apiNodes(1, ports.basePort + 3, {
    ...env,
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: "60",
    SIM_DRIVERS: "30",
    SIM_SPEED: "20",
  });
  const url = await topo.loadBalancer(
    ports.lbPort,
    nodes.map((n) => ({ name: n.name, port: n.port })),
  );
  return { db, url, nodes, redis };
}

// redis-primary-kill: on a Redis Cluster, the primary serving the event bus's hash slot is killed with
// `kill -9`; its replica takes over (cluster-node-timeout 2 s). Clients follow the new topology; events
// wait in the outbox meanwhile and none is lost.
import type { Topology } from "../topology.ts";
import { type DrillLine, type Timeline, underTraffic } from "../under-traffic.ts";
import { platformOn } from "./platform-on.ts";

export async function redisPrimaryKill(
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const { db, url, cluster } = await platformOn(topo, {
    redisPort: 7100,
    basePort: 3271,
    lbPort: 3270,
    redisCluster: true,
  });
  return underTraffic({
    drill: "redis-primary-kill",
    db,
    url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    inject: async () => {
      const port = cluster!.killPrimaryOf("events:{bus}:order.placed");
      log(`kill -9 the Redis primary on port ${port} (the event bus's slot)`);
      await cluster!.healed();
      log("the cluster is ok again (a replica was promoted)");
    },
  });
}

// redis-primary-kill: on a Redis Cluster, the primary serving the event bus's hash slot is killed with
// `kill -9`; its replica takes over (cluster-node-timeout 2 s). Clients follow the new topology; events
// wait in the outbox meanwhile and none is lost.
import type { Fault } from "./fault.ts";

export const redisPrimaryKill: Fault = {
  name: "redis-primary-kill",
  shape: { redisPort: 7100, basePort: 3271, lbPort: 3270, redisCluster: true },
  async inject({ cluster }, log) {
    const port = cluster!.killPrimaryOf("events:{bus}:order.placed");
    log(`kill -9 the Redis primary on port ${port} (the event bus's slot)`);
    await cluster!.healed();
    log("the cluster is ok again (a replica was promoted)");
  },
};

// api-node-kill: `kill -9` one of three API nodes under load. HAProxy's health check takes it out of the
// rotation; requests that were on it fail once and the customer app's retry lands on another node.
import type { Topology } from "../topology.ts";
import { type DrillLine, type Timeline, underTraffic } from "../under-traffic.ts";
import { platformOn } from "./platform-on.ts";

export async function apiNodeKill(
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const { db, url, nodes } = await platformOn(topo, { redisPort: 6391, basePort: 3211, lbPort: 3210 });
  const victim = nodes[1]!;
  return underTraffic({
    drill: "api-node-kill",
    db,
    url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    inject: async () => {
      log(`kill -9 ${victim.name} (pid ${victim.child.pid})`);
      victim.child.kill("SIGKILL");
      await victim.exited();
    },
  });
}

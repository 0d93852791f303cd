// redis-pause: SIGSTOP the (single) Redis for 10 s, then SIGCONT. Ordering must degrade, not fail: rate
// limits, cache and events wait or fall back, the outbox keeps the events until Redis answers again.
import type { Topology } from "../topology.ts";
import { type DrillLine, type Timeline, underTraffic } from "../under-traffic.ts";
import { platformOn } from "./platform-on.ts";

export const PAUSE_MS = 10_000;

export async function redisPause(
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const { db, url, redis: own } = await platformOn(topo, { redisPort: 6392, basePort: 3221, lbPort: 3220 });
  const redis = own!;
  return underTraffic({
    drill: "redis-pause",
    db,
    url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    inject: async () => {
      log(`SIGSTOP redis (pid ${redis.child.pid}) for ${PAUSE_MS / 1000} s`);
      redis.pause();
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      redis.resume();
      log("SIGCONT redis");
    },
  });
}

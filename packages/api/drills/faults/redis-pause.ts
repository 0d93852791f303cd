// redis-pause: SIGSTOP the (single) Redis for 10 s, then SIGCONT. Ordering must degrade, not fail: rate
// limits count in each node's memory, the cache falls back, the outbox keeps the events until Redis
// answers again, and /readyz keeps the nodes in the load balancer.
import type { Fault } from "./fault.ts";

export const PAUSE_MS = 10_000;

export const redisPause: Fault = {
  name: "redis-pause",
  shape: { redisPort: 6392, basePort: 3221, lbPort: 3220 },
  async inject({ redis }, log) {
    log(`SIGSTOP redis (pid ${redis!.child.pid}) for ${PAUSE_MS / 1000} s`);
    redis!.pause();
    await new Promise((r) => setTimeout(r, PAUSE_MS));
    redis!.resume();
    log("SIGCONT redis");
  },
};

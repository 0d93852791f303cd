// api-node-kill: `kill -9` one of three API nodes under load. HAProxy's health check takes it out of the
// rotation; requests that were on it fail once and the customer app's retry lands on another node.
import type { Fault } from "./fault.ts";

export const apiNodeKill: Fault = {
  name: "api-node-kill",
  shape: { redisPort: 6391, basePort: 3211, lbPort: 3210 },
  async inject({ nodes }, log) {
    const victim = nodes[1]!;
    log(`kill -9 ${victim.name} (pid ${victim.child.pid})`);
    victim.child.kill("SIGKILL");
    await victim.exited();
  },
};

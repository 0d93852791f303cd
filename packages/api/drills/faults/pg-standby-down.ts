// pg-standby-down: the synchronous standby stops for a while. Lag-tolerant reads (menus, store lists)
// go back to the primary; card payments wait for the standby to confirm (consistency over availability:
// a confirmed payment must survive losing the primary) and go through once it is back.
import type { Topology } from "../topology.ts";
import { type DrillLine, type Timeline, underTraffic } from "../under-traffic.ts";
import { platformOn } from "./platform-on.ts";

export const STANDBY_DOWN_MS = 8_000;

export async function pgStandbyDown(
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const { db, url, pair } = await platformOn(topo, {
    redisPort: 6395,
    basePort: 3251,
    lbPort: 3250,
    standby: true,
  });
  return underTraffic({
    drill: "pg-standby-down",
    db,
    url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    inject: async () => {
      log(`standby (port ${pair!.standby.port}) stopped for ${STANDBY_DOWN_MS / 1000} s`);
      await pair!.stopStandby();
      await new Promise((r) => setTimeout(r, STANDBY_DOWN_MS));
      await pair!.startStandby();
      log("standby started again");
    },
  });
}

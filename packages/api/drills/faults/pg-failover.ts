// pg-failover: the primary dies (`pg_ctl stop -m immediate`) and the standby is promoted (`pg_ctl
// promote`). The nodes' multi-host DATABASE_URL (target_session_attrs=read-write) finds the new primary;
// every order a customer was told about, and every confirmed payment (remote_apply), is there.
import type { Topology } from "../topology.ts";
import { type DrillLine, type Timeline, underTraffic } from "../under-traffic.ts";
import { platformOn } from "./platform-on.ts";

export async function pgFailover(
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const { db, url, pair } = await platformOn(topo, {
    redisPort: 6396,
    basePort: 3261,
    lbPort: 3260,
    standby: true,
  });
  return underTraffic({
    drill: "pg-failover",
    db,
    url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    inject: async () => {
      log(`primary (port ${pair!.primary.port}) killed`);
      await pair!.stopPrimary();
      await pair!.promoteStandby();
      log(`standby (port ${pair!.standby.port}) promoted`);
    },
  });
}

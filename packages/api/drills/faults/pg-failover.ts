// pg-failover: the primary dies (`pg_ctl stop -m immediate`) and the standby is promoted (`pg_ctl
// promote`). The nodes' multi-host DATABASE_URL (target_session_attrs=read-write) finds the new primary;
// every order a customer was told about, and every confirmed payment (remote_apply), is there.
import type { Fault } from "./fault.ts";

export const pgFailover: Fault = {
  name: "pg-failover",
  shape: { redisPort: 6396, basePort: 3261, lbPort: 3260, standby: true },
  async inject({ pair }, log) {
    log(`primary (port ${pair!.primary.port}) killed`);
    await pair!.stopPrimary();
    await pair!.promoteStandby();
    log(`standby (port ${pair!.standby.port}) promoted`);
  },
};

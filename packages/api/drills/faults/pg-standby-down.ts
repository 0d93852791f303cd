// pg-standby-down: the synchronous standby stops for a while. Lag-tolerant reads (menus, store lists)
// go back to the primary; card payments wait for the standby to confirm (consistency over availability:
// a confirmed payment must survive losing the primary) and go through once it is back.
import type { Fault } from "./fault.ts";

export const STANDBY_DOWN_MS = 8_000;

export const pgStandbyDown: Fault = {
  name: "pg-standby-down",
  shape: { redisPort: 6395, basePort: 3251, lbPort: 3250, standby: true },
  async inject({ pair }, log) {
    log(`standby (port ${pair!.standby.port}) stopped for ${STANDBY_DOWN_MS / 1000} s`);
    await pair!.stopStandby();
    await new Promise((r) => setTimeout(r, STANDBY_DOWN_MS));
    await pair!.startStandby();
    log("standby started again");
  },
};

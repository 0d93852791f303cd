// dispatcher-kill: two stand-alone dispatchers split the stores' zones with leases; one is killed with
// `kill -9` while offers are out. The other takes its zones when the leases run out (a few seconds):
// no delivery gets two drivers, none is forgotten.
import type { Database, Kysely } from "@pizza/db";
import { zoneOf } from "../../src/modules/delivery/delivery-context.ts";
import type { Proc, Topology } from "../topology.ts";
import { DRILL_STORE } from "../traffic.ts";
import { type DrillLine, type Timeline, underTraffic } from "../under-traffic.ts";
import { platformOn } from "./platform-on.ts";

export async function dispatcherKill(
  topo: Topology,
  timeline: Timeline,
  log: (m: string) => void,
): Promise<DrillLine> {
  const { db, url, dispatchers } = await platformOn(topo, {
    redisPort: 6394,
    basePort: 3241,
    lbPort: 3240,
    dispatchers: 2,
  });
  return underTraffic({
    drill: "dispatcher-kill",
    db,
    url,
    jwtSecret: topo.jwtSecret,
    timeline,
    log,
    measure: async (faultAt) => {
      const next = await db
        .selectFrom("delivery_offers")
        .select((eb) => eb.fn.min("offered_at").as("at"))
        .where("offered_at", ">", faultAt)
        .executeTakeFirst();
      const at = next?.at ? new Date(next.at).getTime() : Number.NaN;
      return { offers_resumed_s: Math.round((at - faultAt.getTime()) / 100) / 10 };
    },
    inject: async () => {
      const victim = await holderOf(topo, db, dispatchers);
      log(`kill -9 ${victim.name} (pid ${victim.child.pid}), the dispatcher holding the busy store's zone`);
      victim.child.kill("SIGKILL");
      await victim.exited();
    },
  });
}

/** The dispatcher holding the zone of the store the customers order from (its /readyz details say). */
async function holderOf(topo: Topology, db: Kysely<Database>, dispatchers: (Proc & { port: number })[]) {
  const store = await db
    .selectFrom("stores")
    .select("id")
    .where("slug", "=", DRILL_STORE)
    .executeTakeFirstOrThrow();
  for (const d of dispatchers) {
    const res = await fetch(`http://127.0.0.1:${d.port}/readyz`, {
      headers: { authorization: `Bearer ${topo.metricsToken}` },
    });
    const details = (await res.json()) as { zonesHeld?: string[] };
    if (details.zonesHeld?.includes(zoneOf(store.id))) return d;
  }
  throw new Error("no dispatcher holds the busy store's zone");
}

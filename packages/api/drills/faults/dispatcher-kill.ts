// dispatcher-kill: two stand-alone dispatchers split the stores' zones with leases; the one holding the
// busy store's zone is killed with `kill -9` while offers are out. The other takes its zones when the
// leases run out (a few seconds): no delivery gets two drivers, none is forgotten.
import type { Database, Kysely } from "@pizza/db";
import { zoneOf } from "../../src/modules/delivery/delivery-context.ts";
import { DRILL_STORE } from "../traffic.ts";
import type { Fault } from "./fault.ts";
import type { PlatformUnderDrill } from "./platform-on.ts";

export const dispatcherKill: Fault = {
  name: "dispatcher-kill",
  shape: { redisPort: 6394, basePort: 3241, lbPort: 3240, dispatchers: 2 },
  async inject(platform, log) {
    const victim = await holderOfBusyZone(platform);
    log(`kill -9 ${victim.name} (pid ${victim.child.pid}), the dispatcher holding the busy store's zone`);
    victim.child.kill("SIGKILL");
    await victim.exited();
  },
  async measure({ db }, faultAt) {
    return { offers_resumed_s: await nextOfferAfter(db, faultAt) };
  },
};

/** The dispatcher holding the zone of the store the customers order from (its /readyz details say). */
async function holderOfBusyZone({ db, dispatchers, metricsToken }: PlatformUnderDrill) {
  const store = await db
    .selectFrom("stores")
    .select("id")
    .where("slug", "=", DRILL_STORE)
    .executeTakeFirstOrThrow();
  for (const d of dispatchers) {
    const res = await fetch(`http://127.0.0.1:${d.port}/readyz`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    const details = (await res.json()) as { zonesHeld?: string[] };
    if (details.zonesHeld?.includes(zoneOf(store.id))) return d;
  }
  throw new Error("no dispatcher holds the busy store's zone");
}

/** Seconds from the kill to the next offer a driver received. */
async function nextOfferAfter(db: Kysely<Database>, faultAt: Date): Promise<number> {
  const next = await db
    .selectFrom("delivery_offers")
    .select((eb) => eb.fn.min("offered_at").as("at"))
    .where("offered_at", ">", faultAt)
    .executeTakeFirst();
  const at = next?.at ? new Date(next.at).getTime() : Number.NaN;
  return Math.round((at - faultAt.getTime()) / 100) / 10;
}

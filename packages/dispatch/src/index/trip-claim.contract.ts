// Trips in the index, on every adapter: a trip's deliveries are claimed in one atomic step (one driver
// gets all of them or none; no delivery is ever on two offers), and accepting, declining or letting
// the offer expire acts on the whole trip.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock.ts";
import { destination, type LatLng } from "../geo.ts";
import { aRecord, type DriverIndexFactory } from "./driver-index.contract.ts";
import type { ClaimOptions, DeliveryRecord, DriverIndex } from "./driver-index.ts";

const REGION = "berlin";
const STORE: LatLng = { lat: 52.52, lng: 13.405 };

export function tripClaimContract(name: string, factory: DriverIndexFactory): void {
  describe(`trip claims: ${name}`, () => {
    const opened: DriverIndex[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((i) => i.close()));
    });

    async function setup(maxDeliveriesPerDriver = 2) {
      const clock = new ManualClock();
      const index = await factory({ clock, staleAfterMs: 60_000, maxDeliveriesPerDriver });
      opened.push(index);
      const online = async (id: string, p: LatLng = STORE) => {
        await index.ingest(id, REGION, { ...p, ts: clock.now() });
        await index.setStatus(id, REGION, "available");
      };
      const put = async (...ids: string[]) => {
        for (const id of ids) {
          await index.putRequest(aRecord({ deliveryId: id }), { expectedVersion: null, dueAt: clock.now() });
        }
      };
      /** Claim options offering `lead` plus `rest` to `driverId` as one trip, from the stored versions. */
      const tripOf = async (driverId: string, lead: string, ...rest: string[]): Promise<ClaimOptions> => {
        const deadline = clock.now() + 30_000;
        const trip = { tripId: `t-${lead}`, stops: [lead, ...rest] };
        const offered = (r: DeliveryRecord): DeliveryRecord => ({
          ...r,
          status: "offered",
          driverId,
          offerDeadline: deadline,
          trip,
        });
        const recs = await Promise.all([lead, ...rest].map((id) => index.getRequest(REGION, id)));
        const [first, ...others] = recs.map((r) => r!);
        return {
          deadline,
          record: { next: offered(first!), expectedVersion: first!.version },
          companions: others.map((r) => ({
            deliveryId: r.deliveryId,
            next: offered(r),
            expectedVersion: r.version,
          })),
        };
      };
      const status = async (id: string) => {
        const r = await index.getRequest(REGION, id);
        return { status: r?.status, driverId: r?.driverId ?? null };
      };
      return { clock, index, online, put, tripOf, status };
    }

    it("claims both deliveries for one driver, and accepting either accepts the trip", async () => {
      const { index, online, put, tripOf, status } = await setup();
      await online("a");
      await put("o1", "o2");
      expect(await index.claim(REGION, "a", "o1", await tripOf("a", "o1", "o2"))).toEqual({ ok: true });
      expect(await status("o2")).toEqual({ status: "offered", driverId: "a" });
      expect((await index.getDriver("a", REGION))?.offer).toMatchObject({
        deliveryId: "o1",
        companions: ["o2"],
      });
      expect(await index.waitingBefore(REGION, Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
      expect(await index.confirm(REGION, "a", "o2")).toEqual({ ok: true });
      expect(await status("o1")).toEqual({ status: "assigned", driverId: "a" });
      expect(await status("o2")).toEqual({ status: "assigned", driverId: "a" });
      const d = await index.getDriver("a", REGION);
      expect([d?.state, d?.offer, [...(d?.deliveries ?? [])].sort()]).toEqual([
        "assigned",
        null,
        ["o1", "o2"],
      ]);
      expect(await index.complete(REGION, "a", "o1")).toBe(true);
      expect(await status("o2")).toEqual({ status: "assigned", driverId: "a" });
    });

    it("refuses the whole trip when one delivery moved on or the driver has no room: nothing changes", async () => {
      const { index, online, put, tripOf, status } = await setup();
      await online("a");
      await put("o1", "o2");
      const stale = await tripOf("a", "o1", "o2");
      const o2 = (await index.getRequest(REGION, "o2"))!;
      await index.putRequest({ ...o2, attempts: 1 }, { expectedVersion: o2.version, dueAt: 0 });
      expect(await index.claim(REGION, "a", "o1", stale)).toEqual({ ok: false, reason: "request_changed" });
      expect(await status("o1")).toEqual({ status: "waiting", driverId: null });
      expect((await index.getDriver("a", REGION))?.state).toBe("available");
      const { index: one, online: onlineOne, put: putOne, tripOf: tripOne } = await setup(1);
      await onlineOne("b");
      await putOne("o1", "o2");
      expect(await one.claim(REGION, "b", "o1", await tripOne("b", "o1", "o2"))).toEqual({
        ok: false,
        reason: "not_available",
      });
      expect((await one.getRequest(REGION, "o2"))?.status).toBe("waiting");
    });

    it("a declined or expired trip puts every stop back, the driver never offered them again", async () => {
      const { clock, index, online, put, tripOf, status } = await setup();
      await online("a");
      await online("b");
      await put("o1", "o2", "o3", "o4");
      await index.claim(REGION, "a", "o1", await tripOf("a", "o1", "o2"));
      await index.claim(REGION, "b", "o3", await tripOf("b", "o3", "o4"));
      expect(await index.release(REGION, "a", "o2", "declined")).toBe(true);
      for (const id of ["o1", "o2"]) {
        const r = await index.getRequest(REGION, id);
        expect([r?.status, r?.declined, r?.trip ?? null]).toEqual(["waiting", ["a"], null]);
      }
      clock.advance(31_000);
      const expired = await index.expireOffers(REGION, clock.now(), 10);
      expect(expired).toMatchObject([{ deliveryId: "o3", driverId: "b", companions: ["o4"] }]);
      expect((await index.getRequest(REGION, "o4"))?.timedOut).toEqual(["b"]);
      expect(await status("o4")).toEqual({ status: "waiting", driverId: null });
      expect((await index.getDriver("b", REGION))?.state).toBe("available");
      const waiting = await index.waitingBefore(REGION, clock.now(), 10);
      expect(waiting.map((r) => r.deliveryId).sort()).toEqual(["o1", "o2", "o3", "o4"]);
    });

    it("cancelling one stop of an offered trip sends the other back to waiting, not declined", async () => {
      const { index, online, put, tripOf, status } = await setup();
      await online("a");
      await put("o1", "o2");
      await index.claim(REGION, "a", "o1", await tripOf("a", "o1", "o2"));
      expect(await index.release(REGION, "a", "o1", "cancelled")).toBe(true);
      expect(await status("o1")).toEqual({ status: "cancelled", driverId: null });
      const o2 = await index.getRequest(REGION, "o2");
      expect([o2?.status, o2?.declined]).toEqual(["waiting", []]);
      expect((await index.getDriver("a", REGION))?.state).toBe("available");
    });

    it("overlapping trips claimed at once by many drivers: every delivery on at most one offer, trips whole", async () => {
      const { index, online, put, tripOf } = await setup();
      const drivers = Array.from({ length: 20 }, (_, i) => `d${i}`);
      for (const [i, id] of drivers.entries()) await online(id, destination(STORE, i * 18, 100));
      const orders = Array.from({ length: 10 }, (_, i) => `o${i}`);
      await put(...orders);
      // Each driver is offered a pair of neighbouring orders, decided on the same versions: pairs overlap.
      const claims = await Promise.all(
        drivers.map(async (id, i) => {
          const lead = orders[i % 10]!;
          const other = orders[(i + 1) % 10]!;
          return { id, lead, other, opts: await tripOf(id, lead, other) };
        }),
      );
      const results = await Promise.all(claims.map((c) => index.claim(REGION, c.id, c.lead, c.opts)));
      const won = claims.filter((_, i) => results[i]!.ok);
      expect(won.length).toBeGreaterThan(0);
      const seen = won.flatMap((c) => [c.lead, c.other]);
      expect(new Set(seen).size).toBe(seen.length);
      for (const c of won) {
        for (const id of [c.lead, c.other]) {
          const r = await index.getRequest(REGION, id);
          expect([r?.status, r?.driverId]).toEqual(["offered", c.id]);
        }
      }
      for (const c of claims.filter((_, i) => !results[i]!.ok)) {
        expect((await index.getDriver(c.id, REGION))?.state).toBe("available");
      }
    });
  });
}

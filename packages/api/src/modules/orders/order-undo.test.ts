// order.undoAdvance: the last kitchen bump taken back, once, within two minutes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDeliveryOrder,
  anAdmin,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type LastChange, UNDO_NOTE, UNDO_WINDOW_MS, undoTarget } from "./order-state.ts";

describe("undoTarget (the state rule)", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const bump = (
    from: LastChange["from"],
    to: LastChange["to"],
    agoMs = 10_000,
    note: string | null = null,
  ) => ({
    from,
    to,
    note,
    at: new Date(now.getTime() - agoMs),
  });

  it("moves each kitchen stage back to the one it was bumped from", () => {
    const carryout = "carryout" as const;
    expect(undoTarget({ status: "preparing", channel: carryout }, bump("placed", "preparing"), now)).toEqual({
      ok: true,
      to: "placed",
    });
    expect(undoTarget({ status: "baking", channel: "delivery" }, bump("preparing", "baking"), now)).toEqual({
      ok: true,
      to: "preparing",
    });
    expect(
      undoTarget({ status: "quality_check", channel: carryout }, bump("baking", "quality_check"), now),
    ).toEqual({ ok: true, to: "baking" });
    expect(undoTarget({ status: "ready", channel: carryout }, bump("quality_check", "ready"), now)).toEqual({
      ok: true,
      to: "quality_check",
    });
  });

  it("refuses a ready delivery order (dispatch has it) and orders that left the kitchen", () => {
    const r = undoTarget({ status: "ready", channel: "delivery" }, bump("quality_check", "ready"), now);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/dispatch/) });
    for (const status of ["out_for_delivery", "delivered", "picked_up", "cancelled"] as const) {
      expect(undoTarget({ status, channel: "delivery" }, bump("ready", status), now)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/only a bump still in the kitchen/),
      });
    }
    expect(
      undoTarget({ status: "placed", channel: "carryout" }, bump("pending_payment", "placed"), now),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/not started/) });
  });

  it("refuses after the window, a second undo, and when the last change was not a bump", () => {
    const status = { status: "baking" as const, channel: "carryout" as const };
    expect(undoTarget(status, bump("preparing", "baking", UNDO_WINDOW_MS - 1), now).ok).toBe(true);
    expect(undoTarget(status, bump("preparing", "baking", UNDO_WINDOW_MS + 60_000), now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/3 minutes ago.*within 2 minutes/),
    });
    // After quality_check → baking was undone the order is baking, and its last change is that undo.
    expect(undoTarget(status, bump("quality_check", "baking", 1000, UNDO_NOTE), now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already undone/),
    });
    expect(undoTarget(status, bump("baking", "baking"), now)).toMatchObject({ ok: false });
    expect(undoTarget(status, undefined, now)).toMatchObject({ ok: false });
  });
});

describe.each(backings)("order.undoAdvance on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;
  let berlinStaff: AuthUser;
  let customer: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
    berlinStaff = await aStaff(t, "ber-mitte");
    customer = await aCustomer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function carryoutAt(...stages: ("preparing" | "baking" | "quality_check" | "ready")[]) {
    const o = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown));
    for (const to of stages) await t.caller(staff).order.advance({ orderId: o.id, to });
    return o;
  }

  it("moves the order back one stage with a new version, a correction in the history and an event", async () => {
    const o = await carryoutAt("preparing", "baking");
    const before = await t.caller(customer).order.trackOrder({ orderId: o.id });
    const undone = await t
      .caller(staff)
      .order.undoAdvance({ orderId: o.id, expectedVersion: before.version });
    expect(undone).toMatchObject({ orderId: o.id, status: "preparing", previousStatus: "baking" });
    expect(undone.version).toBe(before.version + 1);

    const after = await t.caller(customer).order.trackOrder({ orderId: o.id });
    expect(after.status).toBe("preparing");
    const history = await t.platform.db
      .selectFrom("order_status_history")
      .select(["from_status", "to_status", "actor_id", "actor_role", "note", "version"])
      .where("order_id", "=", o.id)
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    expect(history).toEqual({
      from_status: "baking",
      to_status: "preparing",
      actor_id: staff.id,
      actor_role: "staff",
      note: "undo",
      version: undone.version,
    });
    const event = await t.platform.db
      .selectFrom("outbox")
      .select(["payload"])
      .where("topic", "=", "order.status_changed")
      .where("aggregate_id", "=", o.id)
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({
      status: "preparing",
      previousStatus: "baking",
      version: undone.version,
      correction: "undo",
    });

    // Only once: the order's last change is now the undo. Bumping again works as usual.
    await expectCode(
      t.caller(staff).order.undoAdvance({ orderId: o.id }),
      "PRECONDITION_FAILED",
      /already undone/,
    );
    expect((await t.caller(staff).order.advance({ orderId: o.id, to: "baking" })).status).toBe("baking");
  });

  it("of two undos at once exactly one wins", async () => {
    const o = await carryoutAt("preparing", "baking", "quality_check");
    const results = await Promise.allSettled([
      t.caller(staff).order.undoAdvance({ orderId: o.id }),
      t.caller(staff).order.undoAdvance({ orderId: o.id }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["PRECONDITION_FAILED", "CONFLICT"]).toContain((lost.reason as { code: string }).code);
    expect((await t.caller(staff).order.getOrder({ orderId: o.id })).status).toBe("baking");
    const undos = await t.platform.db
      .selectFrom("order_status_history")
      .select("id")
      .where("order_id", "=", o.id)
      .where("note", "=", "undo")
      .execute();
    expect(undos).toHaveLength(1);
  });

  it("refuses late undos, ready delivery orders, stale versions and other stores, changing nothing", async () => {
    const late = await carryoutAt("preparing");
    await t.platform.db
      .updateTable("order_status_history")
      .set({ at: new Date(Date.now() - 3 * 60_000) })
      .where("order_id", "=", late.id)
      .where("to_status", "=", "preparing")
      .execute();
    await expectCode(
      t.caller(staff).order.undoAdvance({ orderId: late.id }),
      "PRECONDITION_FAILED",
      /within 2 minutes/,
    );

    const delivery = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await t.caller(staff).order.advance({ orderId: delivery.id, to });
    await expectCode(
      t.caller(staff).order.undoAdvance({ orderId: delivery.id }),
      "PRECONDITION_FAILED",
      /dispatch/,
    );

    const fresh = await carryoutAt("preparing");
    const seen = await t.caller(staff).order.getOrder({ orderId: fresh.id });
    await expectCode(
      t.caller(staff).order.undoAdvance({ orderId: fresh.id, expectedVersion: seen.version - 1 }),
      "CONFLICT",
    );
    await expectCode(t.caller(berlinStaff).order.undoAdvance({ orderId: fresh.id }), "NOT_FOUND");
    await expectCode(t.caller(customer).order.undoAdvance({ orderId: fresh.id }), "FORBIDDEN");
    await expectCode(t.caller(staff).order.undoAdvance({ orderId: "not-a-uuid" }), "BAD_REQUEST");
    expect((await t.caller(staff).order.getOrder({ orderId: fresh.id })).version).toBe(seen.version);
    expect((await t.caller(staff).order.getOrder({ orderId: late.id })).status).toBe("preparing");

    // Admins may undo in any store.
    const admin = await anAdmin(t);
    expect((await t.caller(admin).order.undoAdvance({ orderId: fresh.id })).status).toBe("placed");
  });
});

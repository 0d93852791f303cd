// The store console's loyalty procedures on real PostgreSQL (issue 21): a manager finds one of the store's
// orders by number and grants goodwill points (crew: FORBIDDEN, another store's order: NOT_FOUND, customers
// and drivers: FORBIDDEN), and admins keep each region's reward catalogue (everyone else: FORBIDDEN), each
// refusal naming its field, a change showing in the customer's rewards and quote at once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode, failure } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDriver,
  aManager,
  anAdmin,
  aPizza,
  aSide,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { aCustomerWithPoints } from "./loyalty.test-support.ts";

const postgres = backings.find((b) => b.db === "postgres")!;

describe("loyalty in the store console on real PostgreSQL", () => {
  let t: TestPlatform;
  let midtown: string;
  let crew: AuthUser;
  let manager: AuthUser;
  let admin: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(postgres, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    crew = await aStaff(t, "nyc-midtown");
    manager = await aManager(t, "nyc-midtown");
    admin = await anAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("goodwill points", () => {
    it("finds one of the store's orders by number for its manager, and for nobody else", async () => {
      const me = await aCustomer(t, { name: "Ada Lovelace" });
      const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
      const byNumber = { orderNumber: order.orderNumber };

      expect(await t.caller(manager).loyalty.goodwillAccess({})).toEqual({ canGrant: true });
      expect(await t.caller(crew).loyalty.goodwillAccess({})).toEqual({ canGrant: false });
      expect(await t.caller(admin).loyalty.goodwillAccess({ storeId: midtown })).toEqual({ canGrant: true });

      const found = await t.caller(manager).loyalty.goodwillOrder(byNumber);
      expect(found).toMatchObject({
        orderId: order.id,
        orderNumber: order.orderNumber,
        customerName: "Ada Lovelace",
        points: 0,
        goodwill: [],
      });
      await t.caller(manager).loyalty.grantGoodwill({
        orderId: order.id,
        points: 25,
        reason: "Pizza arrived cold",
        idempotencyKey: randomUUID(),
      });
      const after = await t.caller(manager).loyalty.goodwillOrder(byNumber);
      expect(after.points).toBe(25);
      expect(after.goodwill).toMatchObject([{ points: 25, reason: "Pizza arrived cold" }]);
      expect((await t.caller(admin).loyalty.goodwillOrder({ storeId: midtown, ...byNumber })).points).toBe(
        25,
      );

      await expectCode(t.caller(crew).loyalty.goodwillOrder(byNumber), "FORBIDDEN", /store manager/);
      await expectCode(
        t.caller(await aManager(t, "ber-mitte")).loyalty.goodwillOrder(byNumber),
        "NOT_FOUND",
        new RegExp(`no order #${order.orderNumber} at this store`),
      );
      await expectCode(t.caller(me).loyalty.goodwillOrder(byNumber), "FORBIDDEN");
      await expectCode(t.caller(await aDriver(t, midtown)).loyalty.goodwillOrder(byNumber), "FORBIDDEN");
      await expectCode(
        t.caller(me).loyalty.grantGoodwill({
          orderId: order.id,
          points: 5,
          reason: "me",
          idempotencyKey: randomUUID(),
        }),
        "FORBIDDEN",
      );
      await expectCode(
        t.caller(manager).loyalty.goodwillOrder({ orderNumber: 0 }),
        "BAD_REQUEST",
        /order number/,
      );
      await expectCode(t.caller(manager).loyalty.goodwillOrder({ orderNumber: 999_999_999 }), "NOT_FOUND");
    });
  });

  describe("the reward catalogue", () => {
    const drinkReward = {
      regionCode: "us",
      nameEn: "Free garlic bread",
      nameDe: "Gratis Knoblauchbrot",
      nameJa: "ガーリックブレッド無料",
      points: 30,
      kind: "free_item" as const,
      itemId: "garlic_bread",
      variant: "8pc",
      active: true,
    };

    it("is for admins only", async () => {
      for (const who of [crew, manager, await aCustomer(t)]) {
        await expectCode(t.caller(who).loyalty.catalogue({ regionCode: "us" }), "FORBIDDEN");
        await expectCode(
          t.caller(who).loyalty.createReward({ ...drinkReward, id: `us-x-${randomUUID().slice(0, 8)}` }),
          "FORBIDDEN",
        );
        await expectCode(
          t.caller(who).loyalty.updateReward({ ...drinkReward, id: "us-free-drink" }),
          "FORBIDDEN",
        );
      }
      const us = await t.caller(admin).loyalty.catalogue({ regionCode: "us" });
      expect(us.map((r) => r.id)).toEqual(["us-free-medium-pizza", "us-free-drink", "us-5-off"]);
      expect(us[1]).toMatchObject({
        nameEn: "Free 0.5 L Cola",
        nameDe: "Gratis Cola 0,5 l",
        nameJa: "コーラ 500ml 無料",
      });
      await expectCode(
        t.caller(admin).loyalty.catalogue({ regionCode: "xx" }),
        "NOT_FOUND",
        /no loyalty programme in region xx/,
      );
    });

    it("refuses a bad reward with a message under each field", async () => {
      const bad = await failure(
        t.caller(admin).loyalty.createReward({
          ...drinkReward,
          id: "Not An Id",
          nameEn: " ",
          points: 0,
        }),
      );
      expect(bad.code).toBe("BAD_REQUEST");
      const fields = (bad as unknown as { cause: { issues: { path: string[]; message: string }[] } }).cause
        .issues;
      const byField = Object.fromEntries(fields.map((i) => [i.path.join("."), i.message]));
      expect(byField).toMatchObject({
        id: expect.stringMatching(/lower-case letters/),
        nameEn: "Enter the English name.",
        points: "A reward costs at least 1 point.",
      });
      const noItem = await failure(
        t.caller(admin).loyalty.createReward({ ...drinkReward, id: "us-free-what", itemId: undefined }),
      );
      expect(noItem.message).toMatch(/Choose the free item\./);
      const amount = await failure(
        t.caller(admin).loyalty.createReward({ ...drinkReward, id: "us-some-off", kind: "amount_off" }),
      );
      expect(amount.message).toMatch(/Enter the amount off/);
      await expectCode(
        t.caller(admin).loyalty.createReward({ ...drinkReward, id: "us-free-nothing", itemId: "unicorn" }),
        "BAD_REQUEST",
        /no unicorn in size 8pc on the us menu/,
      );
      await expectCode(
        t.caller(admin).loyalty.createReward({ ...drinkReward, id: "us-free-drink" }),
        "CONFLICT",
        /already a reward with the id us-free-drink/,
      );
    });

    it("shows a created, edited or withdrawn reward in the customer's cart at once, in their language", async () => {
      const me = await aCustomerWithPoints(t, 100);
      const cart = { channel: "carryout" as const, storeId: midtown, tip: 0, items: [aPizza(), aSide()] };
      const id = `us-garlic-${randomUUID().slice(0, 8)}`;
      await t.caller(admin).loyalty.createReward({ ...drinkReward, id });
      const listed = await t.caller(me).loyalty.rewards({ regionCode: "us" });
      expect(listed.rewards.find((r) => r.id === id)).toMatchObject({
        name: "Free garlic bread",
        points: 30,
      });
      const german = await t
        .caller(await aCustomer(t, { locale: "de" }))
        .loyalty.rewards({ regionCode: "us" });
      expect(german.rewards.find((r) => r.id === id)?.name).toBe("Gratis Knoblauchbrot");
      const quoted = await t.caller(me).order.quote({ ...cart, rewardId: id });
      expect(quoted.reward).toMatchObject({ applied: true, points: 30, name: "Free garlic bread" });

      const edited = await t
        .caller(admin)
        .loyalty.updateReward({ ...drinkReward, id, points: 45, nameEn: "Garlic bread on us" });
      expect(edited).toMatchObject({ points: 45, nameEn: "Garlic bread on us" });
      expect((await t.caller(me).order.quote({ ...cart, rewardId: id })).reward).toMatchObject({
        points: 45,
        name: "Garlic bread on us",
      });

      await t.caller(admin).loyalty.updateReward({ ...drinkReward, id, active: false });
      expect(
        (await t.caller(me).loyalty.rewards({ regionCode: "us" })).rewards.map((r) => r.id),
      ).not.toContain(id);
      await expectCode(t.caller(me).order.quote({ ...cart, rewardId: id }), "NOT_FOUND", /not offered/);
      expect((await t.caller(admin).loyalty.catalogue({ regionCode: "us" })).at(-1)).toMatchObject({
        id,
        active: false,
      });
    });
  });
});

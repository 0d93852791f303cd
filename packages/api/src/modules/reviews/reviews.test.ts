import { countRows } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { aCustomer, anOrder, aUser, staffOf } from "./test-builders.ts";

describe.each(backings)("reviews on $name", (backing) => {
  let t: TestPlatform;
  let customer: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    customer = await aCustomer(t.db.db, "Maria Rossi");
  });
  afterAll(async () => {
    await t?.close();
  });

  async function aggregate(type: string, id: string) {
    const row = await t.db.db
      .selectFrom("rating_aggregates")
      .select(["rating_count", "rating_sum"])
      .where("target_type", "=", type)
      .where("target_id", "=", id)
      .executeTakeFirst();
    return { count: row?.rating_count ?? 0, sum: row?.rating_sum ?? 0 };
  }

  it("rates every item, the driver, the service and the overall experience of a delivered order", async () => {
    const order = await anOrder(t.db.db, customer, { storeSlug: "ber-mitte", items: ["margherita", "cola"] });
    const driverBefore = await aggregate("driver", order.driverId!);
    const serviceBefore = await aggregate("service", order.storeId);
    const outboxBefore = await countRows(t.db, "outbox");

    const res = await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [
        { itemId: "margherita", rating: 5, text: "Perfect crust" },
        { itemId: "cola", rating: 3 },
      ],
      driver: { rating: 4, text: "Friendly" },
      service: { rating: 5 },
      overall: { rating: 4, text: "Will order again" },
    });

    expect(res.reviews).toHaveLength(5);
    const byTarget = Object.fromEntries(res.reviews.map((r) => [`${r.targetType}:${r.targetId}`, r]));
    expect(byTarget["item:margherita"]?.text).toBe("Perfect crust");
    expect(byTarget["item:cola"]?.text).toBeNull();
    expect(byTarget[`driver:${order.driverId}`]?.rating).toBe(4);
    expect(byTarget[`service:${order.storeId}`]?.rating).toBe(5);
    expect(byTarget[`overall:${order.storeId}`]?.rating).toBe(4);
    expect(res.reviews[0]!.editableUntil.getTime() - res.reviews[0]!.createdAt.getTime()).toBe(
      48 * 3600 * 1000,
    );

    expect(await aggregate("driver", order.driverId!)).toEqual({
      count: driverBefore.count + 1,
      sum: driverBefore.sum + 4,
    });
    expect(await aggregate("service", order.storeId)).toEqual({
      count: serviceBefore.count + 1,
      sum: serviceBefore.sum + 5,
    });

    expect(await countRows(t.db, "outbox")).toBe(outboxBefore + 1);
    const event = await t.db.db
      .selectFrom("outbox")
      .select(["topic", "aggregate_id", "payload"])
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event.topic).toBe("review.submitted");
    expect(event.aggregate_id).toBe(order.orderId);
    expect(event.payload).toMatchObject({
      orderId: order.orderId,
      storeId: order.storeId,
      customerId: customer.id,
    });

    const mine = await t.caller(customer).review.forOrder({ orderId: order.orderId });
    expect(mine.reviews.map((r) => r.id).sort()).toEqual(res.reviews.map((r) => r.id).sort());
  });

  it("rates a picked-up carryout order, and refuses a driver rating for it", async () => {
    const order = await anOrder(t.db.db, customer, { channel: "carryout", items: ["pepperoni"] });
    await expectCode(
      t.caller(customer).review.submitReview({ orderId: order.orderId, driver: { rating: 5 } }),
      "BAD_REQUEST",
      /picked up/,
    );
    const res = await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "pepperoni", rating: 4 }],
      overall: { rating: 4 },
    });
    expect(res.reviews).toHaveLength(2);
  });

  it("updates the same reviews on a second submit inside 48 hours and moves the aggregates by the difference", async () => {
    const order = await anOrder(t.db.db, customer, { storeSlug: "tyo-shibuya", items: ["margherita"] });
    const first = await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "margherita", rating: 2, text: "cold" }],
      overall: { rating: 2 },
    });
    const itemBefore = await aggregate("item", "margherita");
    const reviewsBefore = await countRows(t.db, "reviews");

    const second = await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "margherita", rating: 5, text: "Actually great after reheating" }],
      driver: { rating: 5 },
    });
    expect(await countRows(t.db, "reviews")).toBe(reviewsBefore + 1); // only the driver review is new
    const edited = second.reviews.find((r) => r.targetType === "item")!;
    expect(edited.id).toBe(first.reviews.find((r) => r.targetType === "item")!.id);
    expect(edited.rating).toBe(5);
    expect(edited.text).toBe("Actually great after reheating");
    expect(await aggregate("item", "margherita")).toEqual({
      count: itemBefore.count,
      sum: itemBefore.sum + 3,
    });
    // The overall review that was not resent stays as it was.
    expect(second.reviews.find((r) => r.targetType === "overall")?.rating).toBe(2);
  });

  it("refuses additions and changes once 48 hours have passed since the first review, saying until when", async () => {
    const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
    await t.caller(customer).review.submitReview({ orderId: order.orderId, overall: { rating: 3 } });
    await t.db.db
      .updateTable("reviews")
      .set({ created_at: new Date(Date.now() - 49 * 3600 * 1000) })
      .where("order_id", "=", order.orderId)
      .execute();
    const before = await aggregate("overall", order.storeId);
    await expectCode(
      t.caller(customer).review.submitReview({ orderId: order.orderId, overall: { rating: 5 } }),
      "PRECONDITION_FAILED",
      /48 hours/,
    );
    await expectCode(
      t
        .caller(customer)
        .review.submitReview({ orderId: order.orderId, items: [{ itemId: "margherita", rating: 5 }] }),
      "PRECONDITION_FAILED",
      /48 hours/,
    );
    expect(await aggregate("overall", order.storeId)).toEqual(before);
  });

  it("refuses orders that are not finished, not the caller's, or items that were not ordered, and writes nothing", async () => {
    const baking = await anOrder(t.db.db, customer, { status: "baking" });
    const someoneElse = await anOrder(t.db.db, await aCustomer(t.db.db), {});
    const noDriver = await anOrder(t.db.db, customer, { driver: false });
    const mine = await anOrder(t.db.db, customer, { items: ["margherita"] });
    const before = await countRows(t.db, "reviews");
    const outbox = await countRows(t.db, "outbox");

    await expectCode(
      t.caller(customer).review.submitReview({ orderId: baking.orderId, overall: { rating: 5 } }),
      "PRECONDITION_FAILED",
      /delivered or picked up/,
    );
    await expectCode(
      t.caller(customer).review.submitReview({ orderId: someoneElse.orderId, overall: { rating: 1 } }),
      "NOT_FOUND",
    );
    await expectCode(
      t.caller(customer).review.submitReview({ orderId: crypto.randomUUID(), overall: { rating: 1 } }),
      "NOT_FOUND",
    );
    await expectCode(
      t.caller(customer).review.submitReview({ orderId: noDriver.orderId, driver: { rating: 1 } }),
      "BAD_REQUEST",
      /no driver/,
    );
    await expectCode(
      t.caller(customer).review.submitReview({
        orderId: mine.orderId,
        overall: { rating: 5 },
        items: [{ itemId: "hawaiian", rating: 1 }],
      }),
      "BAD_REQUEST",
      /not part of this order/,
    );
    expect(await countRows(t.db, "reviews")).toBe(before);
    expect(await countRows(t.db, "outbox")).toBe(outbox);
  });

  it.each([
    ["a rating of 6", { overall: { rating: 6 } }, /1 to 5/],
    ["a rating of 0", { overall: { rating: 0 } }, /1 to 5/],
    ["a fractional rating", { overall: { rating: 3.5 } }, /whole number/],
    ["text over 1000 characters", { overall: { rating: 3, text: "x".repeat(1001) } }, /too long/],
    ["nothing to rate", {}, /at least one/],
    [
      "the same item twice",
      {
        items: [
          { itemId: "margherita", rating: 3 },
          { itemId: "margherita", rating: 4 },
        ],
      },
      /once/,
    ],
  ])("refuses %s with a readable 400 and writes nothing", async (_label, body, message) => {
    const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
    const before = await countRows(t.db, "reviews");
    await expectCode(
      t.caller(customer).review.submitReview({ orderId: order.orderId, ...body } as never),
      "BAD_REQUEST",
      message,
    );
    expect(await countRows(t.db, "reviews")).toBe(before);
  });

  it("needs a signed-in customer to submit", async () => {
    const order = await anOrder(t.db.db, customer, {});
    await expectCode(
      t.caller(null).review.submitReview({ orderId: order.orderId, overall: { rating: 5 } }),
      "UNAUTHORIZED",
    );
    const staff = await staffOf(t.db.db);
    await expectCode(
      t.caller(staff).review.submitReview({ orderId: order.orderId, overall: { rating: 5 } }),
      "FORBIDDEN",
    );
  });

  it("stores review text without markup or control characters", async () => {
    const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
    const res = await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [
        {
          itemId: "margherita",
          rating: 5,
          text: `<script>alert("x")</script><b>Great</b>\u0000 <img src=x onerror=alert(1)>pizza\u202E!  I <3 it <a href="javascript:alert(1)">here`,
        },
      ],
      overall: { rating: 4, text: "<p></p>   " },
    });
    const item = res.reviews.find((r) => r.targetType === "item")!;
    expect(item.text).toBe("Great pizza! I <3 it here");
    expect(res.reviews.find((r) => r.targetType === "overall")!.text).toBeNull();
  });

  it("lists an item's visible reviews newest first and most helpful first, page by page", async () => {
    const itemId = "chicken_wings";
    const authors = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => aCustomer(t.db.db, `Reviewer ${i} Lastname`)),
    );
    const ids: string[] = [];
    for (const [i, author] of authors.entries()) {
      const order = await anOrder(t.db.db, author, { items: [itemId] });
      const res = await t.caller(author).review.submitReview({
        orderId: order.orderId,
        items: [{ itemId, rating: 1 + i, text: `review ${i}` }],
      });
      ids.push(res.reviews[0]!.id);
    }
    // Distinct creation times a second apart, in writing order: reviews written within one clock tick
    // would tie, and "newest first" would have no single right answer.
    for (const [i, id] of ids.entries()) {
      const createdAt = new Date(Date.now() - (ids.length - i) * 1000);
      await t.db.db.updateTable("reviews").set({ created_at: createdAt }).where("id", "=", id).execute();
    }
    // Votes: review 1 gets 3 votes, review 3 gets 1.
    const voters = await Promise.all([0, 1, 2].map(() => aCustomer(t.db.db)));
    for (const v of voters) await t.caller(v).review.markHelpful({ reviewId: ids[1]! });
    await t.caller(voters[0]!).review.markHelpful({ reviewId: ids[3]! });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<TestPlatform["caller"]>["review"]["listForItem"]>> = await t
        .caller(null)
        .review.listForItem({ itemId, limit: 2, cursor });
      expect(page.reviews.length).toBeLessThanOrEqual(2);
      seen.push(...page.reviews.map((r) => r.id));
      expect(page.summary).toEqual({ count: 5, average: 3 });
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const helpful: string[] = [];
    cursor = null;
    do {
      const page: Awaited<ReturnType<ReturnType<TestPlatform["caller"]>["review"]["listForItem"]>> = await t
        .caller(null)
        .review.listForItem({ itemId, sort: "helpful", limit: 2, cursor });
      helpful.push(...page.reviews.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(helpful).toEqual([ids[1], ids[3], ids[4], ids[2], ids[0]]);

    const first = (await t.caller(null).review.listForItem({ itemId, limit: 1 })).reviews[0]!;
    expect(first.author).toBe("Reviewer L.");
    expect(first).not.toHaveProperty("customerId");

    await expectCode(
      t.caller(null).review.listForItem({ itemId, cursor: "garbage" }),
      "BAD_REQUEST",
      /first page/,
    );
    await expectCode(t.caller(null).review.listForItem({ itemId, limit: 500 }), "BAD_REQUEST");
  });

  it("counts one helpful vote per person, lets them withdraw it, and not vote on their own review", async () => {
    const author = await aCustomer(t.db.db);
    const order = await anOrder(t.db.db, author, { items: ["margherita"] });
    const review = (
      await t
        .caller(author)
        .review.submitReview({ orderId: order.orderId, items: [{ itemId: "margherita", rating: 4 }] })
    ).reviews[0]!;
    const voter = await aCustomer(t.db.db);
    expect(await t.caller(voter).review.markHelpful({ reviewId: review.id })).toEqual({
      helpfulCount: 1,
      helpful: true,
    });
    expect(await t.caller(voter).review.markHelpful({ reviewId: review.id })).toEqual({
      helpfulCount: 1,
      helpful: true,
    });
    await Promise.all([
      t.caller(voter).review.markHelpful({ reviewId: review.id }),
      t.caller(voter).review.markHelpful({ reviewId: review.id }),
    ]);
    expect((await t.caller(voter).review.markHelpful({ reviewId: review.id })).helpfulCount).toBe(1);
    expect(await t.caller(voter).review.markHelpful({ reviewId: review.id, helpful: false })).toEqual({
      helpfulCount: 0,
      helpful: false,
    });
    await expectCode(
      t.caller(author).review.markHelpful({ reviewId: review.id }),
      "BAD_REQUEST",
      /own review/,
    );
    await expectCode(t.caller(voter).review.markHelpful({ reviewId: crypto.randomUUID() }), "NOT_FOUND");
    await expectCode(t.caller(null).review.markHelpful({ reviewId: review.id }), "UNAUTHORIZED");
  });

  it("lets the store's staff hide a review with a reason: it leaves the listing and the aggregates, and comes back on unhide", async () => {
    const author = await aCustomer(t.db.db);
    const order = await anOrder(t.db.db, author, { storeSlug: "nyc-williamsburg", items: ["margherita"] });
    const res = await t.caller(author).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "margherita", rating: 1, text: "rude words" }],
      service: { rating: 1 },
    });
    const review = res.reviews.find((r) => r.targetType === "item")!;
    const before = await aggregate("item", "margherita");

    const otherStaff = await staffOf(t.db.db, "nyc-midtown");
    await expectCode(
      t.caller(otherStaff).review.hide({ reviewId: review.id, reason: "spam" }),
      "NOT_FOUND",
      /could not find that review/,
    );
    await expectCode(t.caller(author).review.hide({ reviewId: review.id, reason: "spam" }), "FORBIDDEN");
    const staff = await staffOf(t.db.db, "nyc-williamsburg");
    await expectCode(
      t.caller(staff).review.hide({ reviewId: review.id, reason: "" }),
      "BAD_REQUEST",
      /reason/,
    );

    const hidden = await t.caller(staff).review.hide({ reviewId: review.id, reason: "Abusive language" });
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "Abusive language" });
    expect(await aggregate("item", "margherita")).toEqual({ count: before.count - 1, sum: before.sum - 1 });
    // Hiding twice changes nothing.
    await t.caller(staff).review.hide({ reviewId: review.id, reason: "again" });
    expect(await aggregate("item", "margherita")).toEqual({ count: before.count - 1, sum: before.sum - 1 });

    const listed = await t.caller(null).review.listForItem({ itemId: "margherita", limit: 50 });
    expect(listed.reviews.map((r) => r.id)).not.toContain(review.id);
    await expectCode(
      t.caller(await aCustomer(t.db.db)).review.markHelpful({ reviewId: review.id }),
      "NOT_FOUND",
    );
    // The author editing a hidden review does not put it back into the aggregates.
    await t
      .caller(author)
      .review.submitReview({ orderId: order.orderId, items: [{ itemId: "margherita", rating: 2 }] });
    expect(await aggregate("item", "margherita")).toEqual({ count: before.count - 1, sum: before.sum - 1 });

    const console = await t.caller(staff).review.storeReviews({});
    const inConsole = console.reviews.find((r) => r.id === review.id);
    expect(inConsole).toMatchObject({ hidden: true, hiddenReason: "Abusive language", rating: 2 });

    const admin = await aUser(t.db.db, { role: "admin", name: "Ada Admin" });
    expect(await t.caller(admin).review.unhide({ reviewId: review.id })).toMatchObject({ hidden: false });
    expect(await aggregate("item", "margherita")).toEqual({ count: before.count, sum: before.sum + 1 });
    const again = await t.caller(null).review.listForItem({ itemId: "margherita", limit: 50 });
    expect(again.reviews.map((r) => r.id)).toContain(review.id);
  });

  it("gives ratings to other modules: items for everyone, drivers for staff only", async () => {
    const author = await aCustomer(t.db.db);
    const order = await anOrder(t.db.db, author, { storeSlug: "tyo-shinjuku", items: ["cola"] });
    await t.caller(author).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "cola", rating: 4 }],
      driver: { rating: 2 },
    });
    const items = await t
      .caller(null)
      .review.ratingsFor({ targetType: "item", ids: ["cola", "no-such-item"] });
    expect(items.ratings.cola!.count).toBeGreaterThanOrEqual(1);
    expect(items.ratings["no-such-item"]).toEqual({ average: null, count: 0 });

    await expectCode(
      t.caller(author).review.ratingsFor({ targetType: "driver", ids: [order.driverId!] }),
      "FORBIDDEN",
    );
    const staff = await staffOf(t.db.db, "tyo-shinjuku");
    const drivers = await t.caller(staff).review.ratingsFor({ targetType: "driver", ids: [order.driverId!] });
    expect(drivers.ratings[order.driverId!]!.count).toBeGreaterThanOrEqual(1);

    const summaries = await t.platform.services.reviews.ratingSummaries(["cola"]);
    expect(summaries?.cola).toEqual(items.ratings.cola);
    await expectCode(t.caller(null).review.ratingsFor({ targetType: "item", ids: [] }), "BAD_REQUEST");
  });

  it("counts a double-submitted first review once", async () => {
    const author = await aCustomer(t.db.db);
    const order = await anOrder(t.db.db, author, { storeSlug: "ber-kreuzberg", items: ["margherita"] });
    const before = await aggregate("overall", order.storeId);
    const results = await Promise.allSettled([
      t.caller(author).review.submitReview({ orderId: order.orderId, overall: { rating: 5 } }),
      t.caller(author).review.submitReview({ orderId: order.orderId, overall: { rating: 5 } }),
    ]);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(await aggregate("overall", order.storeId)).toEqual({
      count: before.count + 1,
      sum: before.sum + 5,
    });
  });

  it("keeps every aggregate equal to a full recount of the visible reviews", async () => {
    const recount = await t.db.db
      .selectFrom("reviews")
      .select(["target_type", "target_id"])
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("rating").as("s")])
      .where("hidden_at", "is", null)
      .groupBy(["target_type", "target_id"])
      .execute();
    const aggregates = await t.db.db
      .selectFrom("rating_aggregates")
      .select(["target_type", "target_id", "rating_count", "rating_sum"])
      .where("rating_count", ">", 0)
      .execute();
    const expected = Object.fromEntries(
      recount.map((r) => [`${r.target_type}:${r.target_id}`, `${Number(r.n)}/${Number(r.s)}`]),
    );
    const actual = Object.fromEntries(
      aggregates.map((r) => [`${r.target_type}:${r.target_id}`, `${r.rating_count}/${r.rating_sum}`]),
    );
    expect(actual).toEqual(expected);
  });
});

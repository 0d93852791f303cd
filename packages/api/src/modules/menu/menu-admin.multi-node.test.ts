// Issue 22 on two API nodes over one PostgreSQL and one Redis: a price an admin changes through one node
// shows on the other node's (warm) menu at once, a scheduled price shows on both from its moment, and
// two admins creating the same item at once on different nodes end with one item, one history row and
// one clear CONFLICT.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Platform } from "../../platform.ts";
import { createCaller } from "../../root.ts";
import { createNodeCluster, type NodeCluster } from "../../testing/nodes.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe("menu management on two API nodes (PostgreSQL + Redis)", () => {
  let cluster: NodeCluster;
  let a: Platform;
  let b: Platform;
  let admin: AuthUser;
  let midtown: string;

  const as = (p: Platform, user: AuthUser | null = null) =>
    createCaller(createContextInner({ platform: p, user }));
  const price = async (p: Platform, itemId: string, variant: string) =>
    (await as(p).menu.getMenu({ storeId: midtown, locale: "en" })).items
      .find((i) => i.id === itemId)
      ?.variants.find((v) => v.id === variant)?.price;

  beforeAll(async () => {
    cluster = await createNodeCluster();
    a = (await cluster.start("a", { listen: false })).platform;
    b = (await cluster.start("b", { listen: false })).platform;
    const row = await cluster.db.db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", "admin@pizza.example")
      .executeTakeFirstOrThrow();
    admin = { id: row.id, role: "admin", storeId: null, name: row.name };
    const store = await cluster.db.db
      .selectFrom("stores")
      .select("id")
      .where("slug", "=", "nyc-midtown")
      .executeTakeFirstOrThrow();
    midtown = store.id;
  });
  afterAll(async () => {
    await cluster?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a price changed on node b shows on node a's warm menu at once", async () => {
    const was = (await price(a, "margherita", "large"))!;
    expect(await price(a, "margherita", "large")).toBe(was); // parsed and kept by node a
    await as(b, admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: "margherita",
      variant: "large",
      amount: was + 77,
    });
    expect(await price(a, "margherita", "large")).toBe(was + 77);
    expect(await price(b, "margherita", "large")).toBe(was + 77);
  });

  it("a scheduled price shows on both nodes from its moment", async () => {
    const was = (await price(a, "hawaiian", "medium"))!;
    const from = new Date(Date.now() + 600_000);
    await as(b, admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: "hawaiian",
      variant: "medium",
      amount: was + 300,
      from: from.toISOString(),
    });
    expect([await price(a, "hawaiian", "medium"), await price(b, "hawaiian", "medium")]).toEqual([was, was]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(from.getTime() + 1);
    expect([await price(a, "hawaiian", "medium"), await price(b, "hawaiian", "medium")]).toEqual([
      was + 300,
      was + 300,
    ]);
  });

  it("two admins creating the same item at once on two nodes: one item, one history row, one CONFLICT", async () => {
    const item = (nameEn: string) => ({
      id: "twin_item",
      categoryId: "drinks",
      kind: "drink" as const,
      taxCategory: "soft_drink" as const,
      nameEn,
      nameDe: nameEn,
      nameJa: nameEn,
      variants: [{ id: "330ml", nameEn: "330 ml", nameDe: "330 ml", nameJa: "330ml" }],
    });
    const results = await Promise.allSettled([
      as(a, admin).menuAdmin.createItem(item("From a")),
      as(b, admin).menuAdmin.createItem(item("From b")),
    ]);
    const outcomes = results.map((r) =>
      r.status === "fulfilled" ? "ok" : (r.reason as { code: string }).code,
    );
    expect(outcomes.sort()).toEqual(["CONFLICT", "ok"]);
    const won = results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{
      names?: { en: string };
    }>;
    const history = await as(a, admin).menuAdmin.history({ entity: "item", entityId: "twin_item" });
    expect(history.map((h) => h.action)).toEqual(["create"]);
    expect(history[0]?.after).toMatchObject({ names: { en: won.value.names?.en } });
  });
});
